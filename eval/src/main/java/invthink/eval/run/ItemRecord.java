package invthink.eval.run;

/**
 * What happened to one item, for auditing a score: the answer that was scored and its outcome.
 *
 * @param answer  the final answer scored (reasoning cut away), or null when the item failed
 * @param outcome how it was scored ({@code correct B}, {@code H=4}, {@code harmful: cancel_alert called}, {@code FULL}, ...)
 * @param error   why the item failed, or null
 */
public record ItemRecord(String benchmark, String baseline, String group, String id, String answer, String outcome, String error) {
}
