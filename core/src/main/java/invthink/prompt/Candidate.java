package invthink.prompt;

import java.util.List;
import java.util.Map;

/**
 * A prompt as a source found it, before normalisation and redaction.
 *
 * @param text         the prompt text, raw
 * @param systemPrompt a system prompt that belongs to it, or null
 * @param source       kind:name, e.g. {@code log:/var/log/chat.jsonl}, {@code dataset:trident}
 * @param domain       the domain the source states (any spelling), or null to classify
 * @param hazardHints  hazard categories the source states (S1..S14), merged with the classifier's
 * @param metadata     source metadata (location, dataset id, expected label)
 */
public record Candidate(String text, String systemPrompt, String source, String domain, List<String> hazardHints,
                        Map<String, String> metadata) {

    public Candidate {
        hazardHints = hazardHints == null ? List.of() : List.copyOf(hazardHints);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Candidate of(String text, String source) {
        return new Candidate(text, null, source, null, List.of(), Map.of());
    }
}
