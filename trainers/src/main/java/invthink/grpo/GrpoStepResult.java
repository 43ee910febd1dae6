package invthink.grpo;

/**
 * One learner update: the loss and TRL's diagnostics (k3 KL, clip ratios, token entropy),
 * gradient norm before clipping, learning rate, completion tokens, and wall time. A skipped
 * update (every advantage 0) changes nothing and reports zeros.
 */
public record GrpoStepResult(long step, boolean skipped, double loss, double kl, double clipLow, double clipHigh,
                             double clipRegion, double entropy, double gradNorm, double learningRate,
                             int completionTokens, double seconds) {}
