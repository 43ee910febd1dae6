package invthink.sft;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import invthink.model.CausalLm;
import invthink.model.GradMode;
import invthink.train.TrainingTurns;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * Optimizer steps over micro-batches: forward and backward of each (gradients accumulate in
 * the weights), the token-mean loss over the whole step, global-norm clipping, AdamW.
 * Each micro-batch's arrays live in an {@link NDScope} and are freed when it ends.
 */
public final class SftLearner implements AutoCloseable {

    private final CausalLm model;
    private final AdamW optimizer;
    private final LongToDoubleFunction schedule;
    private final double maxGradNorm;

    public SftLearner(CausalLm model, AdamW optimizer, LearningRateSchedule schedule, double maxGradNorm) {
        this(model, optimizer, schedule::at, maxGradNorm);
    }

    /** @param schedule learning rate for a 0-based global optimizer step */
    public SftLearner(CausalLm model, AdamW optimizer, LongToDoubleFunction schedule, double maxGradNorm) {
        this.model = model;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.maxGradNorm = maxGradNorm;
        model.requireGradients(true);
    }

    /** One optimizer step over {@code microBatches} (gradient accumulation), in this JVM's training turn. */
    public StepResult step(List<PackedBatch> microBatches) {
        try (TrainingTurns.Turn ignored = TrainingTurns.take()) {
            return stepInTurn(microBatches);
        }
    }

    private StepResult stepInTurn(List<PackedBatch> microBatches) {
        long start = System.nanoTime();
        int lossTokens = microBatches.stream().mapToInt(PackedBatch::lossTokens).sum();
        int tokens = microBatches.stream().mapToInt(PackedBatch::tokens).sum();
        int examples = microBatches.stream().mapToInt(PackedBatch::examples).sum();
        zeroGradients();
        double lossSum = 0;
        NDManager manager = model.manager();
        for (PackedBatch batch : microBatches) {
            if (batch.lossTokens() == 0) continue;
            try (NDScope ignored = new NDScope();
                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                PackedBatch.Inputs in = batch.toArrays(manager);
                NDArray logits = model.forward(in.ids(), in.positions(), in.mask(), null);
                NDArray sum = tokenLogProbSum(logits, in.labels(), in.weights()).neg();
                // Divide by the whole step's tokens so accumulated gradients equal the token-mean over the step.
                collector.backward(sum.div((float) Math.max(1, lossTokens)));
                lossSum += sum.getFloat();
            }
        }
        long stepIndex = optimizer.steps();
        double lr = schedule.applyAsDouble(stepIndex);
        double norm = lossTokens == 0 ? 0 : GlobalNorm.of(model.weights().values());
        double scale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / (norm + 1e-6) : 1.0;
        if (lossTokens > 0) optimizer.step(lr, scale);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new StepResult(stepIndex + 1, lossTokens == 0 ? 0 : lossSum / lossTokens, norm, lr,
                examples, tokens, lossTokens, seconds);
    }

    /** Mean completion-token loss of {@code batch} without touching gradients (evaluation). */
    public double evaluate(PackedBatch batch) {
        GradMode.disable();
        try (NDScope ignored = new NDScope()) {
            PackedBatch.Inputs in = batch.toArrays(model.manager());
            NDArray logits = model.forward(in.ids(), in.positions(), in.mask(), null);
            return -tokenLogProbSum(logits, in.labels(), in.weights()).getFloat() / Math.max(1, batch.lossTokens());
        }
    }

    /** Σ weight · log p(label) over the batch. */
    static NDArray tokenLogProbSum(NDArray logits, NDArray labels, NDArray weights) {
        NDArray logp = logits.logSoftmax(2);
        NDArray picked = logp.gather(labels.expandDims(2), 2).squeeze(2);
        return picked.mul(weights).sum();
    }

    private void zeroGradients() {
        GradMode.disable();
        try (NDScope ignored = new NDScope()) {
            for (NDArray w : model.weights().values()) {
                if (!w.hasGradient()) continue;
                try {
                    NDArray g = w.getGradient();
                    g.subi(g);
                } catch (IllegalStateException noGradientYet) {
                    // First step: PyTorch allocates gradients on the first backward.
                }
            }
        }
    }

    public CausalLm model() {
        return model;
    }

    public AdamW optimizer() {
        return optimizer;
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
