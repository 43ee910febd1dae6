package invthink.reward;

/**
 * What a reward function reads: the prompt as the policy saw it, the completion text and
 * token ids, and whether generation stopped at the length limit.
 */
public record Sample(String prompt, String completion, int[] completionTokenIds, boolean truncated) {

    public Sample {
        if (prompt == null || completion == null || completionTokenIds == null) {
            throw new IllegalArgumentException("prompt, completion and token ids are required");
        }
    }
}
