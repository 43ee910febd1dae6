package invthink.cli;

import invthink.grpo.RolloutWorker;
import invthink.grpo.ScaleRewards;
import invthink.grpo.WorkerOptions;
import invthink.judge.Judge;
import invthink.model.Devices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invthink train grpo-worker}: one GRPO rollout worker (start more for more throughput). */
@Command(name = "grpo-worker", mixinStandardHelpOptions = true,
        description = {"GRPO rollout worker: samples G completions per selected trace with the current policy, rewards them,",
            "and publishes RolloutGroups (group-relative advantages) to the rollouts topic. Workers form a consumer",
            "group on the traces topic; each reloads the policy when a new ModelVersion appears on the models topic."})
final class GrpoWorkerCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    JudgeOptions judgeOptions;

    @Mixin
    RewardOptions rewardOptions;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Starting policy (the SFT checkpoint), until a newer ModelVersion arrives.")
    Path model;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--fraction", defaultValue = "0.2", description = "Share of traces used for GRPO, chosen by prompt-id hash (default: ${DEFAULT-VALUE}, the paper's 20%%).")
    double fraction;

    @Option(names = "--with-trace", description = "Condition the prompt on the teacher's inverse trace, y ~ π(y | x, z_inv), as the authors' code does.")
    boolean withTrace;

    @Option(names = "--num-generations", defaultValue = "4", description = "Completions per prompt, G (default: ${DEFAULT-VALUE}).")
    int groupSize;

    @Option(names = "--max-completion-length", defaultValue = "512", description = "Tokens per completion (default: ${DEFAULT-VALUE}).")
    int maxCompletionLength;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--scale-rewards", defaultValue = "group", description = "group, batch or none (Dr. GRPO) (default: ${DEFAULT-VALUE}).")
    String scaleRewards;

    @Option(names = "--system-prompt", description = "System message put before every prompt (default: none).")
    String systemPrompt;

    @Option(names = "--group-id", defaultValue = WorkerOptions.DEFAULT_GROUP, description = "Consumer group of the workers (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--max-groups", defaultValue = "0", description = "Stop after this many groups; 0 = run until stopped.")
    long maxGroups;

    @Option(names = "--follow-phase", paramLabel = "PHASE",
            description = "Reload only policy versions of this phase: SFT or GRPO (default: every phase; GRPO keeps sampling the learner's policy while SFT publishes too).")
    invthink.avro.TrainingPhase followPhase;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        WorkerOptions options = new WorkerOptions(model, groupId, fraction, withTrace, systemPrompt, groupSize,
                maxCompletionLength, temperature, topP, ScaleRewards.parse(scaleRewards), Duration.ofMillis(500), maxGroups, seed, followPhase);
        try (Judge judge = rewardOptions.needsJudge() ? judgeOptions.create() : null;
             RolloutWorker worker = new RolloutWorker(options, connection.kafkaConfig(), connection.topics(),
                     rewardOptions.create(judge, maxCompletionLength), Devices.resolve(device), null)) {
            Thread hook = new Thread(worker::close, "grpo-worker-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            worker.start();
            while (!worker.await(1, TimeUnit.SECONDS)) {
                // sampling; Ctrl-C stops after the current poll
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
            if (worker.failure().isPresent()) throw new IllegalStateException("grpo worker failed", worker.failure().get());
        }
        return 0;
    }
}
