package invthink.judge;

import java.util.Objects;

/**
 * What a judge reads: the prompt, the model's response, and the professional domain when known
 * ({@code finance}, {@code law}, {@code medicine}; null otherwise), whose duties the rubric applies.
 */
public record Exchange(String prompt, String response, String domain) {
    public Exchange {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
    }
}
