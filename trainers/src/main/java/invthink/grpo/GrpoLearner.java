package invthink.grpo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import invthink.model.CausalLm;
import invthink.model.GradMode;
import invthink.sft.AdamW;
import invthink.sft.GlobalNorm;
import invthink.train.TrainingTurns;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * GRPO updates of a policy: one forward over prompt + completion rows, per-token log-probs
 * of {@code logits / temperature} at the completion tokens, the {@link GrpoLoss}, backward,
 * global-norm clipping and AdamW. The frozen reference runs only when {@code beta > 0}.
 * An update whose advantages are all zero is skipped: it has no signal, and the first
 * optimizer step must not see all-zero gradients.
 */
public final class GrpoLearner implements AutoCloseable {

    private final CausalLm policy;
    private final CausalLm reference;
    private final AdamW optimizer;
    private final LongToDoubleFunction schedule;
    private final double maxGradNorm;
    private final GrpoLossConfig config;
    private final double temperature;

    /**
     * @param reference frozen model for the KL term; must be non-null exactly when {@code config.beta() > 0}
     * @param schedule  learning rate for a 0-based optimizer step
     */
    public GrpoLearner(CausalLm policy, CausalLm reference, AdamW optimizer, LongToDoubleFunction schedule,
                       double maxGradNorm, GrpoLossConfig config, double temperature) {
        if ((config.beta() > 0) != (reference != null)) {
            throw new IllegalArgumentException("a reference model is needed exactly when beta > 0");
        }
        if (temperature <= 0) throw new IllegalArgumentException("temperature must be > 0");
        this.policy = policy;
        this.reference = reference;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.maxGradNorm = maxGradNorm;
        this.config = config;
        this.temperature = temperature;
        policy.requireGradients(true);
    }

    /** One update on {@code samples}, in this JVM's training turn (SFT may share the JVM). */
    public GrpoStepResult step(List<RolloutSample> samples) {
        try (TrainingTurns.Turn ignored = TrainingTurns.take()) {
            return stepInTurn(samples);
        }
    }

    private GrpoStepResult stepInTurn(List<RolloutSample> samples) {
        long start = System.nanoTime();
        RolloutBatch batch = RolloutBatch.of(samples);
        long stepIndex = optimizer.steps();
        double lr = schedule.applyAsDouble(stepIndex);
        if (samples.stream().allMatch(s -> s.advantage() == 0) || batch.completionTokens() == 0) {
            return new GrpoStepResult(stepIndex, true, 0, 0, 0, 0, 0, 0, 0, lr, batch.completionTokens(),
                    (System.nanoTime() - start) / 1e9);
        }
        zeroGradients();
        double loss;
        double entropy;
        GrpoLoss.Terms terms;
        try (NDScope ignored = new NDScope()) {
            RolloutBatch.Arrays in = batch.toArrays(policy.manager());
            NDArray refLogp = null;
            if (reference != null) {
                GradMode.disable();
                refLogp = tokenLogProbs(reference.forward(in.ids(), in.positions(), in.attention(), null), in.labels());
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray all = policy.forward(in.ids(), in.positions(), in.attention(), null).div((float) temperature).logSoftmax(2);
                NDArray logp = all.gather(in.labels().expandDims(2), 2).squeeze(2);
                terms = GrpoLoss.compute(logp, in.oldLogProbs(), refLogp, in.advantages(), in.mask(), config);
                collector.backward(terms.loss());
                loss = terms.loss().getFloat();
                entropy = GrpoLoss.maskedMean(all.exp().mul(all).sum(new int[] {2}).neg(), in.mask());
            }
        }
        double norm = GlobalNorm.of(policy.weights().values());
        double scale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / (norm + 1e-6) : 1.0;
        optimizer.step(lr, scale);
        return new GrpoStepResult(stepIndex + 1, false, loss, terms.kl(), terms.clipLow(), terms.clipHigh(),
                terms.clipRegion(), entropy, norm, lr, batch.completionTokens(), (System.nanoTime() - start) / 1e9);
    }

    private NDArray tokenLogProbs(NDArray logits, NDArray labels) {
        return logits.div((float) temperature).logSoftmax(2).gather(labels.expandDims(2), 2).squeeze(2);
    }

    private void zeroGradients() {
        GradMode.disable();
        try (NDScope ignored = new NDScope()) {
            for (NDArray w : policy.weights().values()) {
                if (!w.hasGradient()) continue;
                try {
                    NDArray g = w.getGradient();
                    g.subi(g);
                } catch (IllegalStateException noGradientYet) {
                    // PyTorch allocates gradients on the first backward.
                }
            }
        }
    }

    public CausalLm policy() {
        return policy;
    }

    public AdamW optimizer() {
        return optimizer;
    }

    public GrpoLossConfig config() {
        return config;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
