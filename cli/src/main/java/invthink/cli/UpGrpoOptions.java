package invthink.cli;

import invthink.grpo.GrpoLossConfig;
import invthink.grpo.LearnerOptions;
import invthink.grpo.LossType;
import invthink.grpo.WorkerOptions;
import invthink.judge.Judge;
import invthink.reward.FormatReward;
import invthink.reward.SafetyReward;
import invthink.reward.WeightedRewards;
import invthink.trace.TraceValidator;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * GRPO in {@code invthink up}: a rollout worker and the learner beside SFT, with defaults small
 * enough for a CPU (G = 4, short completions, two groups per update). Names follow TRL's
 * GRPOConfig, prefixed {@code --grpo-}.
 */
final class UpGrpoOptions {

    @Option(names = "--grpo", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run GRPO (a rollout worker and the learner) after SFT's first version (default: ${DEFAULT-VALUE} "
                    + "when SFT runs; --no-grpo turns it off).")
    boolean enabled;

    @Option(names = "--grpo-num-generations", defaultValue = "4", paramLabel = "G",
            description = "Completions per prompt (default: ${DEFAULT-VALUE}).")
    int numGenerations;

    @Option(names = "--grpo-max-completion-length", defaultValue = "64", paramLabel = "TOKENS",
            description = "Tokens per completion in up (default: ${DEFAULT-VALUE}; the paper's 512 is slow on a CPU).")
    int maxCompletionLength;

    @Option(names = "--grpo-groups-per-update", defaultValue = "2", paramLabel = "N",
            description = "Rollout groups per learner update (default: ${DEFAULT-VALUE}).")
    int groupsPerUpdate;

    @Option(names = "--grpo-learning-rate", defaultValue = "1e-4",
            description = "GRPO peak learning rate in up (default: ${DEFAULT-VALUE}, for the small policy trained from scratch).")
    double learningRate;

    @Option(names = "--grpo-beta", defaultValue = "0.0",
            description = "KL coefficient to the starting SFT checkpoint; 0 loads no reference (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--grpo-temperature", defaultValue = "1.0",
            description = "Sampling temperature of the rollout worker (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--grpo-fraction", defaultValue = "0.2",
            description = "Share of traces used for GRPO, chosen by prompt-id hash (default: ${DEFAULT-VALUE}, the paper's 20%%).")
    double fraction;

    // Sized so the gate, about a minute per decision on CPU, decides every version before the
    // learner's checkpoint limit prunes it.
    @Option(names = "--grpo-save-steps", defaultValue = "20", paramLabel = "N",
            description = "Publish a GRPO ModelVersion every N updates (default: ${DEFAULT-VALUE}).")
    int saveSteps;

    @Option(names = "--grpo-max-steps", defaultValue = "1000", paramLabel = "N",
            description = "Learner updates in all: the cosine horizon and the stop (default: ${DEFAULT-VALUE}).")
    long maxSteps;

    WorkerOptions worker() {
        return WorkerOptions.defaults(null).withSampling(numGenerations, maxCompletionLength, temperature, fraction, 42);
    }

    LearnerOptions learner(Path outputDir) {
        GrpoLossConfig loss = new GrpoLossConfig(0.2, 0.2, beta, LossType.DAPO, maxCompletionLength);
        return LearnerOptions.defaults(outputDir, null).with(learningRate, groupsPerUpdate, saveSteps, maxSteps, 1).withLoss(loss);
    }

    /** Safety as −P(harmful) from up's judge (continuous, so a small policy's completions still rank apart) plus format. */
    static WeightedRewards rewards(Judge judge, int routes) {
        return new WeightedRewards(List.of(
                new WeightedRewards.Term(new SafetyReward(judge, SafetyReward.Kind.PROBABILITY), 1.0),
                new WeightedRewards.Term(new FormatReward(TraceValidator.forRoutes(routes)), 1.0)));
    }
}
