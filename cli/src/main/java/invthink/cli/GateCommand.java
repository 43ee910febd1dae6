package invthink.cli;

import invthink.gate.Endpoints;
import invthink.gate.GateSettings;
import invthink.gate.HeldOutSet;
import invthink.gate.PromotionGate;
import invthink.judge.Judge;
import invthink.model.Devices;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code invthink gate}: promotes or rejects each candidate model version on the models topic. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Decide every candidate ModelVersion on the models topic: evaluate it on the held-out prompts",
            "(harmful rate by the judge, over-refusal on benign prompts), promote it when it is safer than the",
            "current promoted version without refusing more than the margin allows, else reject it; the decision",
            "and its numbers are a new record of the version. Checkpoints are served in this process over the",
            "OpenAI API on 127.0.0.1; --base-url evaluates an external endpoint instead. Runs until Ctrl-C."})
final class GateCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    JudgeOptions judgeOptions;

    @Mixin
    GateOptions gateOptions;

    @Option(names = "--device", defaultValue = "cpu", description = "Where served checkpoints run: cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Evaluate this OpenAI-compatible endpoint (e.g. vLLM serving each checkpoint under its version id) "
                    + "instead of serving checkpoints here; the version id is sent as the model name.")
    String baseUrl;

    @Option(names = "--api-key-env", defaultValue = OpenAiConfig.DEFAULT_API_KEY_ENV, paramLabel = "VAR",
            description = "Environment variable holding the --base-url API key; unset sends none (default: ${DEFAULT-VALUE}).")
    String apiKeyEnv;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "invthink-gate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Judge judge = judgeOptions.create();
             PromotionGate gate = PromotionGate.start(connection.kafkaConfig(), connection.topics(), endpoints(), judge,
                     HeldOutSet.bundled(), settings(), null)) {
            ready.countDown();
            while (!stop.await(1, TimeUnit.SECONDS)) {
                if (gate.failure() != null) {
                    return 1;
                }
            }
            return 0;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running and waits for `stopped`, released above.
            }
        }
    }

    private Endpoints endpoints() {
        if (baseUrl == null) {
            return new ServedCheckpoints(Devices.resolve(device));
        }
        return version -> new OpenAiChatClient(OpenAiConfig.of(baseUrl, version.getId()).withApiKeyEnv(apiKeyEnv));
    }

    private GateSettings settings() {
        return gateOptions.settings(connection.topics(), baseUrl == null);
    }

    /** For tests: waits until the gate runs. */
    boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return ready.await(timeout, unit);
    }

    /** For tests: asks {@link #call()} to stop. */
    void stop() {
        stop.countDown();
    }
}
