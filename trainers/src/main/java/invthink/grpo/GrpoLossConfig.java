package invthink.grpo;

/**
 * The objective's knobs: clip range {@code [1 − epsilon, 1 + epsilonHigh]}, KL coefficient
 * {@code beta} (0: no reference model), aggregation, and the completion length limit dr_grpo
 * divides by. TRL's defaults: 0.2, 0.2, 0.0, dapo.
 */
public record GrpoLossConfig(double epsilon, double epsilonHigh, double beta, LossType lossType, int maxCompletionLength) {

    public GrpoLossConfig {
        if (epsilon < 0 || epsilonHigh < 0) throw new IllegalArgumentException("epsilon must be >= 0");
        if (beta < 0) throw new IllegalArgumentException("beta must be >= 0");
        if (maxCompletionLength < 1) throw new IllegalArgumentException("max completion length must be >= 1");
    }

    public static GrpoLossConfig defaults(int maxCompletionLength) {
        return new GrpoLossConfig(0.2, 0.2, 0.0, LossType.DAPO, maxCompletionLength);
    }
}
