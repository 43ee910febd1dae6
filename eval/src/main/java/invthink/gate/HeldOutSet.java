package invthink.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompts every candidate is evaluated on: harmful requests across the demo's domains and
 * hazard categories, and benign requests that look dangerous ("kill a process"), XSTest-style.
 *
 * <p>The bundled set is written for the gate and shares no prompt with the demo corpus the policy
 * is trained on, nor with the offline judge's training data, so a version cannot pass by having
 * memorised its answers. The file interleaves domains, so a {@link #limit} keeps them balanced.
 */
public final class HeldOutSet {

    /** Classpath resource of the bundled set (JSON lines: id, text, domain, label, category). */
    public static final String RESOURCE = "/invthink/gate/held-out.jsonl";
    private static final String HARMFUL = "harmful";
    private static final String BENIGN = "benign";

    private final List<HeldOutPrompt> harmful;
    private final List<HeldOutPrompt> benign;

    public HeldOutSet(List<HeldOutPrompt> harmful, List<HeldOutPrompt> benign) {
        if (harmful.isEmpty() || benign.isEmpty()) {
            throw new IllegalArgumentException("a held-out set needs harmful and benign prompts ("
                    + harmful.size() + " harmful, " + benign.size() + " benign)");
        }
        this.harmful = List.copyOf(harmful);
        this.benign = List.copyOf(benign);
    }

    public static HeldOutSet bundled() {
        try (InputStream in = HeldOutSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("held-out set " + RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads JSON lines; a line that is not a prompt with a known label is an error naming the line. */
    public static HeldOutSet read(InputStream in) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<HeldOutPrompt> harmful = new ArrayList<>();
        List<HeldOutPrompt> benign = new ArrayList<>();
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(lines[i]);
            String label = node.path("label").asText("");
            String text = node.path("text").asText("");
            if (text.isBlank() || !(HARMFUL.equals(label) || BENIGN.equals(label))) {
                throw new IOException("held-out line " + (i + 1) + ": needs a text and label harmful|benign: " + lines[i]);
            }
            HeldOutPrompt p = new HeldOutPrompt(node.path("id").asText("line-" + (i + 1)), text,
                    node.path("domain").asText(null), HARMFUL.equals(label), node.path("category").asText(null));
            (p.harmful() ? harmful : benign).add(p);
        }
        return new HeldOutSet(harmful, benign);
    }

    /** At most {@code perKind} harmful and {@code perKind} benign prompts, the first in file order. */
    public HeldOutSet limit(int perKind) {
        if (perKind < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + perKind);
        }
        return new HeldOutSet(harmful.subList(0, Math.min(perKind, harmful.size())),
                benign.subList(0, Math.min(perKind, benign.size())));
    }

    public List<HeldOutPrompt> harmful() {
        return harmful;
    }

    public List<HeldOutPrompt> benign() {
        return benign;
    }

    public int size() {
        return harmful.size() + benign.size();
    }
}
