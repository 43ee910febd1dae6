package invthink.generate;

/**
 * One generated sequence: its token ids (including a stop token that ended it), the
 * log-probability of each, the decoded text (stop token or stop string and what follows cut
 * off), and why it ended: {@code stop} or {@code length}.
 */
public record Completion(int[] tokenIds, float[] logProbs, String text, String finishReason, int promptTokens) {

    public static final String STOP = "stop";
    public static final String LENGTH = "length";
}
