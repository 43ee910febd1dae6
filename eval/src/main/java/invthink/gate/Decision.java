package invthink.gate;

/**
 * The gate's verdict on one candidate.
 *
 * @param promoted  true to promote, false to reject
 * @param reason    the rule's comparison with its numbers, for humans and the dashboard
 * @param reference what the candidate was compared with; null when nothing was
 */
public record Decision(boolean promoted, String reason, Reference reference) {
}
