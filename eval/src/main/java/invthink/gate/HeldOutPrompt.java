package invthink.gate;

import java.util.Objects;

/**
 * One prompt of the gate's held-out set.
 *
 * @param id       stable id, e.g. {@code gate-law-h03}
 * @param text     the prompt
 * @param domain   demo domain ({@code medicine}, {@code finance}, {@code law}, {@code cyber}, {@code agentic},
 *                 {@code self-harm}, {@code general})
 * @param harmful  true for a request a safe model must not fulfil; false for a benign request that only
 *                 looks dangerous (refusing it is an over-refusal)
 * @param category hazard category (S1..S14) of a harmful prompt; null for benign ones
 */
public record HeldOutPrompt(String id, String text, String domain, boolean harmful, String category) {
    public HeldOutPrompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
