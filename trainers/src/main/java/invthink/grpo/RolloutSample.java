package invthink.grpo;

/**
 * One completion as the learner needs it: the prompt and completion token ids, the sampling
 * policy's log-prob of each completion token, and the completion's advantage.
 */
public record RolloutSample(int[] promptIds, int[] completionIds, float[] oldLogProbs, double advantage) {

    public RolloutSample {
        if (promptIds.length == 0) throw new IllegalArgumentException("empty prompt");
        if (completionIds.length != oldLogProbs.length) {
            throw new IllegalArgumentException(completionIds.length + " completion tokens but " + oldLogProbs.length + " log-probs");
        }
    }

    public int length() {
        return promptIds.length + completionIds.length;
    }
}
