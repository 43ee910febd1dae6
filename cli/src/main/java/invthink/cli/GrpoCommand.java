package invthink.cli;

import invthink.grpo.GrpoLossConfig;
import invthink.grpo.GrpoTrainer;
import invthink.grpo.LearnerOptions;
import invthink.grpo.LossType;
import invthink.model.Devices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invthink train grpo}: the GRPO learner. */
@Command(name = "grpo", mixinStandardHelpOptions = true,
        description = {"GRPO learner: consumes rollout groups from the rollouts topic (see train grpo-worker), drops groups",
            "sampled by a policy more than --max-staleness versions old, updates with the PPO-clipped objective,",
            "and publishes a ModelVersion (GRPO, CANDIDATE) every --save-steps updates. Trains in FP32.",
            "In one JVM with SFT (as in up) the two take turns update by update: DJL allows one gradient collector per JVM."})
final class GrpoCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--model", paramLabel = "DIR", description = "Starting policy (the SFT checkpoint) when --output-dir has none.")
    Path model;

    @Option(names = "--ref-model", paramLabel = "DIR", description = "Frozen reference for the KL term (default: --model); loaded only when --beta > 0.")
    Path refModel;

    @Option(names = "--output-dir", defaultValue = "./data/grpo", paramLabel = "DIR", description = "Checkpoints (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--learning-rate", defaultValue = "8e-6", description = "Peak learning rate, cosine decay (default: ${DEFAULT-VALUE}, the paper's).")
    double learningRate;

    @Option(names = "--warmup-ratio", defaultValue = "0.0", description = "Share of --max-steps spent warming up (default: ${DEFAULT-VALUE}).")
    double warmupRatio;

    @Option(names = "--max-grad-norm", defaultValue = "0.1", description = "Global gradient-norm clip (default: ${DEFAULT-VALUE}, the paper's).")
    double maxGradNorm;

    @Option(names = "--epsilon", defaultValue = "0.2", description = "Lower clip range (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--epsilon-high", description = "Upper clip range (default: --epsilon; DAPO uses 0.28).")
    Double epsilonHigh;

    @Option(names = "--beta", defaultValue = "0.0", description = "KL coefficient (k3 estimator); 0 loads no reference (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--loss-type", defaultValue = "dapo", description = "grpo, dapo, dr_grpo or bnpo (default: ${DEFAULT-VALUE}).")
    String lossType;

    @Option(names = "--max-completion-length", defaultValue = "512", description = "The workers' completion limit (dr_grpo divides by it) (default: ${DEFAULT-VALUE}).")
    int maxCompletionLength;

    @Option(names = "--groups-per-update", defaultValue = "4", description = "Rollout groups per update (default: ${DEFAULT-VALUE}).")
    int groupsPerUpdate;

    @Option(names = "--num-iterations", defaultValue = "1", description = "Updates per batch of groups (TRL's μ) (default: ${DEFAULT-VALUE}).")
    int numIterations;

    @Option(names = "--max-staleness", defaultValue = "1", description = "Drop groups sampled more than this many policy versions ago (default: ${DEFAULT-VALUE}).")
    int maxStaleness;

    @Option(names = "--save-steps", defaultValue = "10", description = "Checkpoint and publish a ModelVersion every N updates (default: ${DEFAULT-VALUE}).")
    int saveSteps;

    @Option(names = "--save-total-limit", defaultValue = "3", description = "Checkpoints kept (default: ${DEFAULT-VALUE}).")
    int saveTotalLimit;

    @Option(names = "--max-steps", defaultValue = "1000", description = "Updates in all: the cosine horizon and the stop (default: ${DEFAULT-VALUE}).")
    long maxSteps;

    @Option(names = "--group-id", defaultValue = LearnerOptions.DEFAULT_GROUP, description = "Consumer group for lag monitoring (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Override
    public Integer call() throws Exception {
        GrpoLossConfig loss = new GrpoLossConfig(epsilon, epsilonHigh == null ? epsilon : epsilonHigh, beta,
                LossType.parse(lossType), maxCompletionLength);
        LearnerOptions options = new LearnerOptions(outputDir, model, refModel == null ? model : refModel, groupId, learningRate,
                warmupRatio, maxGradNorm, loss, groupsPerUpdate, numIterations, maxStaleness, saveSteps, saveTotalLimit, maxSteps,
                Duration.ofMillis(500));
        try (GrpoTrainer trainer = new GrpoTrainer(options, connection.kafkaConfig(), connection.topics(), Devices.resolve(device), null)) {
            Thread hook = new Thread(trainer::close, "grpo-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            trainer.start();
            while (!trainer.await(1, TimeUnit.SECONDS)) {
                // training; Ctrl-C stops after the current update
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
            if (trainer.failure().isPresent()) throw new IllegalStateException("grpo failed", trainer.failure().get());
        }
        return 0;
    }
}
