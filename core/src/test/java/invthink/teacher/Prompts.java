package invthink.teacher;

import invthink.avro.Prompt;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Prompt fixtures. */
final class Prompts {

    private Prompts() {
    }

    static Prompt of(String text, String domain, List<String> hints, Map<String, String> metadata) {
        return Prompt.newBuilder()
                .setId(Integer.toHexString(text.hashCode()))
                .setText(text)
                .setSource("test")
                .setDomain(domain)
                .setHazardHints(List.copyOf(hints))
                .setReceivedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setMetadata(Map.copyOf(metadata))
                .build();
    }

    static Prompt of(String text) {
        return of(text, null, List.of(), Map.of());
    }
}
