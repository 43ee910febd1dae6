package invthink.cli;

import invthink.dashboard.DashboardServer;
import invthink.embedded.EmbeddedStack;
import invthink.enrich.EnrichSettings;
import invthink.registry.RegistryConfig;
import java.util.HashMap;
import java.util.Map;
import java.io.UncheckedIOException;
import invthink.judge.Judge;
import invthink.score.ScoreStage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
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

    @Mixin
    ConnectionOptions connection;

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

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile EmbeddedStack stack;

    @Override
    public Integer call() throws InterruptedException {
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
