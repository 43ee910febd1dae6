package invthink.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.cli.ingest.HttpCommand;
import invthink.dashboard.DashboardServer;
import invthink.embedded.EmbeddedStack;
import invthink.enrich.EnrichSettings;
import invthink.ingest.IngestStage;
import invthink.ingest.demo.DemoFeed;
import invthink.ingest.http.HttpIngestServer;
import invthink.judge.Judge;
import invthink.prompt.PromptPreparer;
import invthink.registry.RegistryConfig;
import invthink.score.ScoreStage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the whole pipeline in one JVM on the embedded default: broker, registry, topics and
 * every stage, until Ctrl-C.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {
            "Run the whole pipeline in this JVM: Kafka broker, schema registry, topics, stages.",
            "",
            "The broker (KRaft, one node) and the registry are embedded unless",
            "--bootstrap-servers / --schema-registry-url point elsewhere. Stops cleanly on",
            "Ctrl-C; data stays in --data-dir for the next start."})
final class UpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);
    /** Vocabulary of the embedded default's policy tokenizer: small, as the model is. */
    private static final int BASE_VOCAB_SIZE = 2048;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--host", defaultValue = "localhost",
            description = "Interface the embedded servers bind to (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded broker port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093",
            description = "Embedded KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "8081",
            description = "Embedded schema registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Mixin
    DashboardOptions dashboard;

    @Option(names = "--no-dashboard", description = "Do not start the live safety dashboard.")
    boolean noDashboard;

    @Mixin
    JudgeOptions judgeOptions;

    @Mixin
    ScoreOptions scoreOptions;

    @Option(names = "--no-score", negatable = false,
            description = "Do not run the scoring stage (responses -> judge -> scores -> metrics).")
    boolean noScore;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Where the embedded broker keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    TeacherOptions teacher;

    @Option(names = "--enrich-max-in-flight", defaultValue = "" + EnrichSettings.DEFAULT_MAX_IN_FLIGHT,
            description = "Teacher calls open at once in the enrichment stage (default: ${DEFAULT-VALUE}).")
    int enrichMaxInFlight;
    @Option(names = "--demo", negatable = true, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Stream the bundled demo prompts and production log (default: ${DEFAULT-VALUE}; --no-demo or --demo=false to turn off).")
    boolean demo;

    @Option(names = "--demo-rate", defaultValue = "5", paramLabel = "N",
            description = "Demo prompts per second (default: ${DEFAULT-VALUE}).")
    double demoRate;

    @Option(names = "--demo-loop", description = "Repeat the demo data until stopped.")
    boolean demoLoop;

    @Option(names = "--ingest-port", defaultValue = "8090",
            description = "HTTP ingest port, POST /v1/prompts on --host (default: ${DEFAULT-VALUE}; 0 turns it off).")
    int ingestPort;

    @Option(names = "--ingest-token-env", defaultValue = HttpCommand.DEFAULT_TOKEN_ENV, paramLabel = "VAR",
            description = "Environment variable with the HTTP ingest bearer token; unset means none (default: ${DEFAULT-VALUE}).")
    String ingestTokenEnv;

    @Option(names = "--sft", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Train the policy on the traces as they arrive (default: ${DEFAULT-VALUE}; --no-sft turns it off).")
    boolean sft;

    @Option(names = "--sft-model", paramLabel = "DIR",
            description = "Base checkpoint to fine-tune (e.g. a Hugging Face Qwen2.5 directory); default: the small "
                    + "policy, initialised once in <data-dir>/policy-base with a tokenizer learned from the demo corpus.")
    Path sftModel;

    @Option(names = "--sft-learning-rate", defaultValue = "1e-3",
            description = "SFT peak learning rate in up (default: ${DEFAULT-VALUE}, for a small model trained from scratch).")
    double sftLearningRate;

    @Option(names = "--gate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Decide each new model version with the promotion gate on the held-out prompts "
                    + "(default: ${DEFAULT-VALUE}; --no-gate turns it off).")
    boolean gate;

    @Mixin
    GateOptions gateOptions;

    @Mixin
    UpGrpoOptions grpo;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile EmbeddedStack stack;

    @Override
    public Integer call() throws InterruptedException, IOException {
        Thread hook = new Thread(this::stopAndWait, "invthink-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack = EmbeddedStack.start(settings());
            LOG.info("invthink up: kafka {} | schema registry {} | topic prefix '{}' | Ctrl-C to stop",
                    stack.bootstrapServers(), stack.registryUrl(), connection.topicPrefix);
            Map<String, Object> stageConfig = new HashMap<>(stack.kafkaConfig());
            stageConfig.put(RegistryConfig.URL, stack.registryUrl());
            stack.own(EnrichCommand.start(stageConfig, connection.topics(), teacher.teacher(),
                    EnrichSettings.defaults(EnrichSettings.DEFAULT_GROUP, "0").withMaxInFlight(enrichMaxInFlight)));
            startDashboard();
            if (!noScore) {
                startScoring(stageConfig);
            }
            startIngest(stageConfig);
            if (sft) {
                startSft();
                if (grpo.enabled) {
                    startGrpo();
                }
            }
            if (gate) {
                startGate(stageConfig);
            }
            ready.countDown();
            while (!stopRequested.await(1, TimeUnit.SECONDS)) {
                if (stack.brokerFault() != null) {
                    LOG.error("stopping: {}", stack.brokerFault());
                    return 3;
                }
            }
            return 0;
        } finally {
            if (stack != null) {
                stack.close();
            }
            LOG.info("invthink stopped");
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook itself is running: it is waiting for `stopped`, which we just released.
            }
        }
    }

    /** The dashboard binds to up's --host; a busy port costs the page, not the pipeline. */
    private void startDashboard() {
        if (noDashboard) {
            return;
        }
        try {
            stack.own(DashboardServer.start(dashboard.settings(host, connection.topics(), stack.kafkaConfig(),
                    stack.registryUrl())));
        } catch (UncheckedIOException e) {
            LOG.error("dashboard not started: {} (choose another --dashboard-port, or --no-dashboard)", e.getMessage());
        }
    }

    private void startScoring(Map<String, Object> stageConfig) {
        Map<String, Object> config = new HashMap<>(stageConfig);
        // Window state lives with the rest of up's data, so it survives restarts and two pipelines never share it.
        config.putIfAbsent("state.dir", dataDir.resolve("streams").toAbsolutePath().toString());
        Judge judge = judgeOptions.create();
        stack.own(judge);
        stack.own(ScoreStage.start(config, connection.topics(), judge, scoreOptions.settings(connection.topics()), Clock.systemUTC()));
    }

    /** HTTP ingest and the demo feed, closed with the stack. */
    private void startIngest(Map<String, Object> clients) throws IOException {
        HttpIngestServer.Settings http = ingestPort == 0 ? null : new HttpIngestServer.Settings(host, ingestPort,
                HttpIngestServer.DEFAULT_MAX_BODY_BYTES, HttpCommand.token(ingestTokenEnv));
        IngestStage ingest = IngestStage.start(clients, connection.topics(),
                new IngestStage.Settings(http, demo, demoRate, demoLoop, PromptPreparer.DEFAULT_MAX_PROMPT_BYTES));
        stack.own(ingest);
        if (ingest.httpUrl() != null) {
            LOG.info("HTTP ingest: POST {}", ingest.httpUrl());
        }
    }

    private void startSft() throws IOException {
        Path base = sftModel != null ? sftModel
                : ModelCommand.ensureBasePolicy(dataDir.resolve("policy-base"), demoCorpus(), BASE_VOCAB_SIZE);
        java.util.Map<String, Object> kafka = new java.util.HashMap<>(stack.kafkaConfig());
        kafka.put("schema.registry.url", stack.registryUrl());
        invthink.sft.SftOptions options = invthink.sft.SftOptions.defaults(dataDir.resolve("sft"), base)
                .withLearningRate(sftLearningRate).withFollow(true);
        stack.own(new invthink.sft.SftTrainer(options, kafka, connection.topics(), ai.djl.Device.cpu(), null).start());
        LOG.info("invthink up: sft stage on {} from {}, checkpoints in {}", connection.topics().traces(), base,
                dataDir.resolve("sft"));
    }

    /** The promotion gate: serves each new version's checkpoint in this JVM and writes its decision to the models topic. */
    private void startGate(Map<String, Object> stageConfig) {
        Judge judge = judgeOptions.create();
        stack.own(judge);
        stack.own(invthink.gate.PromotionGate.start(stageConfig, connection.topics(), new ServedCheckpoints(ai.djl.Device.cpu()), judge,
                invthink.gate.HeldOutSet.bundled(), gateOptions.settings(connection.topics(), true), null));
    }

    /** GRPO from SFT's first version on; its updates take turns with SFT's (one gradient collector per JVM). */
    private void startGrpo() {
        Map<String, Object> kafka = new HashMap<>(stack.kafkaConfig());
        kafka.put(RegistryConfig.URL, stack.registryUrl());
        Judge judge = judgeOptions.create();
        stack.own(judge);
        stack.own(new invthink.grpo.GrpoAfterSft(dataDir.resolve("grpo-start"), grpo.worker(), grpo.learner(dataDir.resolve("grpo")),
                UpGrpoOptions.rewards(judge, teacher.routes), kafka, connection.topics(), ai.djl.Device.cpu()).start());
        LOG.info("invthink up: grpo stage waits for the first SFT version; G = {}, completions <= {} tokens, checkpoints in {}",
                grpo.numGenerations, grpo.maxCompletionLength, dataDir.resolve("grpo"));
    }

    /** The demo prompts' texts: what the small policy's tokenizer is learned from. */
    private static List<String> demoCorpus() throws IOException {
        try (InputStream in = UpCommand.class.getResourceAsStream(DemoFeed.CORPUS)) {
            if (in == null) {
                throw new IOException("demo corpus " + DemoFeed.CORPUS + " is missing from the build");
            }
            ObjectMapper json = new ObjectMapper();
            List<String> texts = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    texts.add(json.readTree(line).path("text").asText());
                }
            }
            return texts;
        }
    }

    EmbeddedStack.Settings settings() {
        return new EmbeddedStack.Settings(host, kafkaPort, controllerPort, registryPort, dataDir,
                connection.topics(), connection.userKafkaConfig(), connection.explicitRegistryUrl());
    }

    /** Blocks until every component is up; false if it did not come up in time. */
    boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return ready.await(timeout, unit);
    }

    EmbeddedStack stack() {
        return stack;
    }

    /** Asks {@link #call()} to shut everything down and waits until it has. */
    void stopAndWait() {
        stopRequested.countDown();
        try {
            stopped.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
