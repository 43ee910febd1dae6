package invthink.ingest.source;

import java.time.Instant;

/**
 * A deployed model's answer found next to a prompt in a production log.
 *
 * @param text  the answer, raw
 * @param model the model's name, or null when the log did not say
 * @param at    when it was produced, or null when the log did not say
 */
public record Reply(String text, String model, Instant at) {
}
