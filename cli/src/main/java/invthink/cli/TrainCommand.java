package invthink.cli;

import invthink.model.Devices;
import invthink.sft.SftOptions;
import invthink.sft.SftTrainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code invthink train}: the training phases. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the policy from the topics.",
        subcommands = {TrainCommand.Sft.class, GrpoWorkerCommand.class, GrpoCommand.class, GrpoStartCommand.class})
final class TrainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "sft", mixinStandardHelpOptions = true,
            description = {"Supervised fine-tuning on the traces topic (completion-only loss on the InvThink trace and answer).",
                "Trains in FP32 (DJL cannot train in bf16). Resumes from the newest checkpoint in --output-dir.",
                "Over-long traces: the completion is truncated to --max-length (counted); a prompt that leaves",
                "fewer than 8 completion tokens is dead-lettered."})
    static final class Sft implements Callable<Integer> {
        @Mixin
        MetricsOptions metrics;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--model", paramLabel = "DIR", description = "Base checkpoint (Hugging Face directory) when --output-dir has none.")
        Path model;

        @Option(names = "--output-dir", defaultValue = "./data/sft", paramLabel = "DIR", description = "Checkpoints (default: ${DEFAULT-VALUE}).")
        Path outputDir;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--learning-rate", defaultValue = "2e-5", description = "Peak learning rate (default: ${DEFAULT-VALUE}, the paper's; use ~1e-3 for the small model trained from scratch).")
        double learningRate;

        @Option(names = "--num-train-epochs", defaultValue = "3", description = "Epochs over each round of traces (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--per-device-train-batch-size", defaultValue = "2", description = "Examples per micro-batch (default: ${DEFAULT-VALUE}).")
        int perDevice;

        @Option(names = "--gradient-accumulation-steps", defaultValue = "3", description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE}; effective batch 6 as in the paper).")
        int accumulation;

        @Option(names = "--max-length", defaultValue = "1024", description = "Tokens per sequence and per packed row (default: ${DEFAULT-VALUE}).")
        int maxLength;

        @Option(names = "--warmup-ratio", defaultValue = "0.03", description = "Share of a round's steps spent warming up (default: ${DEFAULT-VALUE}).")
        double warmupRatio;

        @Option(names = "--max-grad-norm", defaultValue = "1.0", description = "Global gradient-norm clip; 0 disables (default: ${DEFAULT-VALUE}).")
        double maxGradNorm;

        @Option(names = "--weight-decay", defaultValue = "0.0", description = "AdamW decoupled weight decay (default: ${DEFAULT-VALUE}).")
        double weightDecay;

        @Option(names = "--save-steps", defaultValue = "50", description = "Checkpoint every N optimizer steps, and at each round's end (default: ${DEFAULT-VALUE}).")
        int saveSteps;

        @Option(names = "--save-total-limit", defaultValue = "3", description = "Checkpoints kept (default: ${DEFAULT-VALUE}).")
        int saveTotalLimit;

        @Option(names = "--max-steps", defaultValue = "0", description = "Stop after this many optimizer steps in total; 0 = no limit.")
        long maxSteps;

        @Option(names = "--packing", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Pack several examples per row (block-diagonal attention, positions restart) (default: ${DEFAULT-VALUE}).")
        boolean packing;

        @Option(names = "--system-prompt", description = "System message put before every prompt (default: none).")
        String systemPrompt;

        @Option(names = "--follow", description = "Keep consuming new traces after reaching the end of the topic.")
        boolean follow;

        @Option(names = "--min-round-examples", defaultValue = "6", description = "With --follow: new traces needed to start a round (default: ${DEFAULT-VALUE}).")
        int minRoundExamples;

        @Option(names = "--group-id", defaultValue = "invthink-sft", description = "Consumer group the offsets are committed under, for lag monitoring (default: ${DEFAULT-VALUE}).")
        String groupId;

        @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            SftOptions options = new SftOptions(outputDir, model, learningRate, epochs, perDevice, accumulation, maxLength,
                    warmupRatio, maxGradNorm, saveSteps, saveTotalLimit, weightDecay, packing, systemPrompt, seed, follow,
                    minRoundExamples, maxSteps, 0, groupId, Duration.ofSeconds(2));
            try (SftTrainer trainer = new SftTrainer(options, connection.kafkaConfig(), connection.topics(),
                    Devices.resolve(device), null)) {
                Thread hook = new Thread(() -> {
                    try {
                        trainer.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "sft-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                trainer.start();
                while (!trainer.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    // waiting for the trainer; Ctrl-C stops it after the current step, with a checkpoint
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
                if (trainer.failure().isPresent()) throw new IllegalStateException("sft failed", trainer.failure().get());
            }
            return 0;
        }
    }
}
