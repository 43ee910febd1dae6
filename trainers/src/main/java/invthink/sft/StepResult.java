package invthink.sft;

/**
 * One optimizer step: mean loss over its completion tokens, gradient norm before clipping,
 * the learning rate used, and its throughput.
 */
public record StepResult(long step, double loss, double gradNorm, double learningRate,
                         int examples, int tokens, int lossTokens, double seconds) {

    public double tokensPerSecond() {
        return seconds > 0 ? tokens / seconds : 0;
    }
}
