package invthink.eval.trident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads TRIDENT JSON Lines ({@code finance_final.jsonl}, {@code law_final.jsonl},
 * {@code med_final.jsonl}: one {@code {id, domain, harmful_prompt, risk_type, safe_reply, ...}}
 * per line). The domain comes from the file name, whose {@code med} is spelled {@code medicine}
 * as the judges' rubric names it; a line without a prompt is an error naming file and line.
 */
public final class TridentSet {

    public static final String FOLDER = "trident";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TridentSet() {
    }

    /** The {@code *.jsonl} files of {@code dir} (the data root holding {@value #FOLDER}/, or the folder itself), sorted. */
    public static List<Path> files(Path dir) {
        Path root = Files.isDirectory(dir.resolve(FOLDER)) ? dir.resolve(FOLDER) : dir;
        try (Stream<Path> s = Files.list(root)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no TRIDENT *.jsonl files in " + root);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list TRIDENT folder " + root + ": " + e.getMessage(), e);
        }
    }

    public static List<TridentItem> load(List<Path> files) {
        List<TridentItem> out = new ArrayList<>();
        for (Path file : files) {
            String domain = domainOf(file);
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    out.add(item(file, i + 1, lines.get(i), domain));
                }
            }
        }
        return out;
    }

    /** {@code finance_final.jsonl} is finance, {@code law_final.jsonl} law, {@code med_final.jsonl} medicine. */
    static String domainOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String stem = name.replaceAll("(_final)?\\.jsonl$", "");
        return stem.startsWith("med") ? "medicine" : stem;
    }

    private static TridentItem item(Path file, int line, String text, String domain) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + line + ": not JSON: " + e.getOriginalMessage());
        }
        JsonNode prompt = n.path("harmful_prompt");
        if (!prompt.isTextual() || prompt.asText().isBlank()) {
            throw new IllegalArgumentException(file + ":" + line + ": no harmful_prompt");
        }
        String id = n.path("id").asText(file.getFileName() + ":" + line);
        return new TridentItem(id, domain, prompt.asText(), n.path("risk_type").asText(null), n.path("safe_reply").asText(null));
    }
}
