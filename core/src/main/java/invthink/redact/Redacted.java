package invthink.redact;

import java.util.Map;

/**
 * Text after redaction, with how many spans of each kind were replaced.
 *
 * @param text   the redacted text
 * @param counts replacements per {@link PiiKind#key()}; only kinds that occurred
 */
public record Redacted(String text, Map<String, Integer> counts) {

    public Redacted {
        counts = Map.copyOf(counts);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
