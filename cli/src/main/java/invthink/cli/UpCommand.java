package invthink.cli;

import invthink.embedded.EmbeddedStack;
import java.nio.file.Path;
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

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Where the embedded broker keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--sft-model", paramLabel = "DIR",
            description = "Base checkpoint (e.g. from `model init`); when set, up also runs the SFT stage on the traces topic.")
    Path sftModel;

    @Option(names = "--sft-learning-rate", defaultValue = "1e-3",
            description = "SFT peak learning rate in up (default: ${DEFAULT-VALUE}, for a small model trained from scratch).")
    double sftLearningRate;

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
            if (sftModel != null) {
                startSft();
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

    private void startSft() {
        java.util.Map<String, Object> kafka = new java.util.HashMap<>(stack.kafkaConfig());
        kafka.put("schema.registry.url", stack.registryUrl());
        invthink.sft.SftOptions options = invthink.sft.SftOptions.defaults(dataDir.resolve("sft"), sftModel)
                .withLearningRate(sftLearningRate).withFollow(true);
        stack.own(new invthink.sft.SftTrainer(options, kafka, connection.topics(), ai.djl.Device.cpu(), null).start());
        LOG.info("invthink up: sft stage on {} from {}, checkpoints in {}", connection.topics().traces(), sftModel,
                dataDir.resolve("sft"));
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
