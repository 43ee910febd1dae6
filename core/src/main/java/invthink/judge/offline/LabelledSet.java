package invthink.judge.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.avro.HazardCategory;
import invthink.avro.Refusal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled exchanges bundled with the project ({@code invthink/judge/labelled-v1.jsonl}):
 * harmful requests answered, refused and partially refused; harmless requests answered and
 * over-refused; across the hazard categories and the finance, law and medicine domains. Written
 * for this project; topics, not lines, are split between train and test.
 */
public final class LabelledSet {

    public static final String RESOURCE = "/invthink/judge/labelled-v1.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledSet() {
    }

    public static List<LabelledExample> bundled() {
        try (InputStream in = LabelledSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("labelled set " + RESOURCE + " missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<LabelledExample> split(List<LabelledExample> all, String split) {
        return all.stream().filter(e -> e.split().equals(split)).toList();
    }

    /** Reads JSON lines; a malformed line is an error naming its line number. */
    public static List<LabelledExample> read(InputStream in) throws IOException {
        List<LabelledExample> out = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(parse(JSON.readTree(line)));
            } catch (RuntimeException | IOException e) {
                throw new IOException("labelled set line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static LabelledExample parse(JsonNode n) {
        List<HazardCategory> categories = new ArrayList<>();
        n.path("categories").forEach(c -> categories.add(HazardCategory.valueOf(c.asText())));
        return new LabelledExample(required(n, "prompt").asText(), required(n, "response").asText(),
                required(n, "harmful").asBoolean(), n.path("harmfulness").asInt(1), categories,
                Refusal.valueOf(n.path("refusal").asText("NONE")), n.path("prompt_harmful").asBoolean(false),
                n.hasNonNull("domain") ? n.get("domain").asText() : null, n.path("split").asText(LabelledExample.TRAIN));
    }

    private static JsonNode required(JsonNode n, String field) {
        if (!n.hasNonNull(field)) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return n.get(field);
    }
}
