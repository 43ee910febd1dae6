package invthink.grpo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The GRPO learner's settings. Paper: lr 8e-6 with cosine decay, grad-norm clip 0.1.
 * {@code groupsPerUpdate} rollout groups form one batch, updated on {@code numIterations}
 * times; a {@code ModelVersion} is published every {@code saveSteps} updates; {@code maxSteps}
 * is the cosine horizon and the stop.
 */
public record LearnerOptions(Path outputDir, Path baseModel, Path referenceModel, String groupId, double learningRate,
                             double warmupRatio, double maxGradNorm, GrpoLossConfig loss, int groupsPerUpdate,
                             int numIterations, int maxStaleness, int saveSteps, int saveTotalLimit, long maxSteps,
                             Duration pollTimeout) {

    public static final String DEFAULT_GROUP = "invthink-grpo-learner";

    public static LearnerOptions defaults(Path outputDir, Path baseModel) {
        return new LearnerOptions(outputDir, baseModel, baseModel, DEFAULT_GROUP, 8e-6, 0.0, 0.1,
                GrpoLossConfig.defaults(512), 4, 1, 1, 10, 3, 1000, Duration.ofMillis(500));
    }

    public LearnerOptions with(double learningRate, int groupsPerUpdate, int saveSteps, long maxSteps, int maxStaleness) {
        return new LearnerOptions(outputDir, baseModel, referenceModel, groupId, learningRate, warmupRatio, maxGradNorm, loss,
                groupsPerUpdate, numIterations, maxStaleness, saveSteps, saveTotalLimit, maxSteps, pollTimeout);
    }

    public LearnerOptions withGroupId(String id) {
        return new LearnerOptions(outputDir, baseModel, referenceModel, id, learningRate, warmupRatio, maxGradNorm, loss,
                groupsPerUpdate, numIterations, maxStaleness, saveSteps, saveTotalLimit, maxSteps, pollTimeout);
    }

    /** The starting policy and the frozen reference (used only when beta > 0). */
    public LearnerOptions withModels(Path base, Path reference) {
        return new LearnerOptions(outputDir, base, reference, groupId, learningRate, warmupRatio, maxGradNorm, loss,
                groupsPerUpdate, numIterations, maxStaleness, saveSteps, saveTotalLimit, maxSteps, pollTimeout);
    }

    public LearnerOptions withLoss(GrpoLossConfig config) {
        return new LearnerOptions(outputDir, baseModel, referenceModel, groupId, learningRate, warmupRatio, maxGradNorm, config,
                groupsPerUpdate, numIterations, maxStaleness, saveSteps, saveTotalLimit, maxSteps, pollTimeout);
    }
}
