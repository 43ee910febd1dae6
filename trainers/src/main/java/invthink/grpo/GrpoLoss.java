package invthink.grpo;

import ai.djl.ndarray.NDArray;

/**
 * The clipped surrogate over completion tokens, all arrays {@code [rows, tokens]}:
 * {@code ratio = exp(logp − old)}, per-token loss {@code −min(ratio·A, clip(ratio)·A)}, plus
 * {@code beta · (exp(d) − d − 1)} with {@code d = ref − logp} when a reference is given;
 * positions where {@code mask} is 0 do not count.
 */
public final class GrpoLoss {

    private GrpoLoss() {}

    /** The loss (differentiable) and TRL's diagnostics (token means over the mask). */
    public record Terms(NDArray loss, double kl, double clipLow, double clipHigh, double clipRegion) {}

    /**
     * @param logp       current per-token log-probs (carries the gradient)
     * @param oldLogp    log-probs under the sampling policy
     * @param refLogp    log-probs under the reference; null when {@code beta == 0}
     * @param advantages one per row, {@code [rows]}
     * @param mask       1 on completion tokens, 0 elsewhere
     */
    public static Terms compute(NDArray logp, NDArray oldLogp, NDArray refLogp, NDArray advantages, NDArray mask,
                                GrpoLossConfig config) {
        NDArray a = advantages.reshape(-1, 1);
        NDArray ratio = logp.sub(oldLogp).exp();
        NDArray clipped = ratio.clip(1 - config.epsilon(), 1 + config.epsilonHigh());
        NDArray perToken = ratio.mul(a).minimum(clipped.mul(a)).neg();
        double kl = 0;
        if (config.beta() > 0) {
            if (refLogp == null) throw new IllegalArgumentException("beta > 0 needs reference log-probs");
            NDArray d = refLogp.sub(logp);
            NDArray k3 = d.exp().sub(d).sub(1);
            perToken = perToken.add(k3.mul((float) config.beta()));
            kl = maskedMean(k3, mask);
        }
        long rows = mask.getShape().get(0);
        NDArray masked = perToken.mul(mask);
        NDArray loss = switch (config.lossType()) {
            case GRPO -> masked.sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f)).mean();
            case BNPO, DAPO -> masked.sum().div(mask.sum().maximum(1f));
            case DR_GRPO -> masked.sum().div((float) (rows * config.maxCompletionLength()));
        };
        NDArray low = ratio.lt(1 - config.epsilon()).logicalAnd(a.lt(0f).broadcast(ratio.getShape()));
        NDArray high = ratio.gt(1 + config.epsilonHigh()).logicalAnd(a.gt(0f).broadcast(ratio.getShape()));
        NDArray region = low.logicalOr(high);
        return new Terms(loss, kl, maskedMean(low.toType(mask.getDataType(), false), mask),
                maskedMean(high.toType(mask.getDataType(), false), mask),
                maskedMean(region.toType(mask.getDataType(), false), mask));
    }

    static double maskedMean(NDArray x, NDArray mask) {
        double n = mask.sum().getFloat();
        return n == 0 ? 0 : x.mul(mask).sum().getFloat() / n;
    }
}
