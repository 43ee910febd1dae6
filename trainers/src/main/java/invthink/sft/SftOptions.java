package invthink.sft;

import java.nio.file.Path;
import java.time.Duration;

/**
 * SFT settings, named as TRL names them. Paper defaults where it gives them: learning rate
 * 2e-5, 3 epochs, effective batch 6 (here 2 per device × 3 accumulation steps).
 *
 * @param outputDir       where checkpoints go; a run resumes from the newest one found there
 * @param baseModel       Hugging Face checkpoint to start from when {@code outputDir} has none
 * @param follow          keep consuming new traces after the current end of the topic
 * @param minRoundExamples in follow mode, wait for at least this many new traces before training
 * @param maxSteps        stop (with a checkpoint) after this many optimizer steps in total; 0 = no limit
 * @param haltAfterSteps  tests only: stop after this many steps of this run WITHOUT a checkpoint, as a kill would
 */
public record SftOptions(
        Path outputDir,
        Path baseModel,
        double learningRate,
        int numTrainEpochs,
        int perDeviceTrainBatchSize,
        int gradientAccumulationSteps,
        int maxLength,
        double warmupRatio,
        double maxGradNorm,
        int saveSteps,
        int saveTotalLimit,
        double weightDecay,
        boolean packing,
        String systemPrompt,
        long seed,
        boolean follow,
        int minRoundExamples,
        long maxSteps,
        long haltAfterSteps,
        String groupId,
        Duration pollTimeout) {

    public static final double PAPER_LEARNING_RATE = 2e-5;
    public static final int PAPER_EPOCHS = 3;

    public static SftOptions defaults(Path outputDir, Path baseModel) {
        return new SftOptions(outputDir, baseModel, PAPER_LEARNING_RATE, PAPER_EPOCHS, 2, 3, 1024, 0.03, 1.0,
                50, 3, 0.0, true, null, 42, false, 6, 0, 0, "invthink-sft", Duration.ofSeconds(2));
    }

    public int effectiveBatchSize() {
        return perDeviceTrainBatchSize * gradientAccumulationSteps;
    }

    public SftOptions withLearningRate(double lr) {
        return new SftOptions(outputDir, baseModel, lr, numTrainEpochs, perDeviceTrainBatchSize, gradientAccumulationSteps,
                maxLength, warmupRatio, maxGradNorm, saveSteps, saveTotalLimit, weightDecay, packing, systemPrompt, seed,
                follow, minRoundExamples, maxSteps, haltAfterSteps, groupId, pollTimeout);
    }

    public SftOptions withSteps(int saveEvery, long max, long haltAfter) {
        return new SftOptions(outputDir, baseModel, learningRate, numTrainEpochs, perDeviceTrainBatchSize,
                gradientAccumulationSteps, maxLength, warmupRatio, maxGradNorm, saveEvery, saveTotalLimit, weightDecay,
                packing, systemPrompt, seed, follow, minRoundExamples, max, haltAfter, groupId, pollTimeout);
    }

    public SftOptions withBatch(int perDevice, int accumulation, int epochs) {
        return new SftOptions(outputDir, baseModel, learningRate, epochs, perDevice, accumulation, maxLength,
                warmupRatio, maxGradNorm, saveSteps, saveTotalLimit, weightDecay, packing, systemPrompt, seed, follow,
                minRoundExamples, maxSteps, haltAfterSteps, groupId, pollTimeout);
    }

    public SftOptions withFollow(boolean on) {
        return new SftOptions(outputDir, baseModel, learningRate, numTrainEpochs, perDeviceTrainBatchSize,
                gradientAccumulationSteps, maxLength, warmupRatio, maxGradNorm, saveSteps, saveTotalLimit, weightDecay,
                packing, systemPrompt, seed, on, minRoundExamples, maxSteps, haltAfterSteps, groupId, pollTimeout);
    }
}
