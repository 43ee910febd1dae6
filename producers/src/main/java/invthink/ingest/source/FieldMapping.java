package invthink.ingest.source;

import java.util.List;

/**
 * Which field or column holds what, for JSONL and CSV files. A null field is not mapped; a null
 * text field means "the first of {@link #TEXT_FALLBACKS} that is present".
 *
 * @param text       the prompt text
 * @param domain     the domain (any spelling {@code Domains.canonical} knows)
 * @param label      the expected label (harmful/benign and their synonyms)
 * @param id         the source's own id for the row
 * @param category   the source's own category, kept verbatim and mapped to hazard hints when known
 * @param system     a system prompt
 */
public record FieldMapping(String text, String domain, String label, String id, String category, String system) {

    public static final List<String> TEXT_FALLBACKS = List.of("prompt", "text", "question", "instruction", "input",
            "query", "goal", "behavior", "Behavior", "prompts_final");

    public static FieldMapping defaults() {
        return new FieldMapping(null, "domain", "label", "id", "category", "system");
    }
}
