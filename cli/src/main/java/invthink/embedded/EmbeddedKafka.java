package invthink.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (combined KRaft controller and broker) with fixed ports.
 *
 * <p>The log directory is formatted on first start and reused afterwards, so topic data
 * survives restarts. Kafka's {@code Exit} procedures are replaced while the broker runs: a
 * broker fault is logged and reported instead of killing the JVM that hosts the pipeline.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;

    private final Settings settings;
    private final KafkaRaftServer server;
    private volatile String fault;

    /**
     * @param host           interface the broker binds to and advertises
     * @param port           client (PLAINTEXT) port
     * @param controllerPort KRaft controller port
     * @param dataDir        directory that holds the broker's log directory
     * @param overrides      extra broker properties, applied last
     */
    public record Settings(String host, int port, int controllerPort, Path dataDir, Map<String, String> overrides) {
        public Settings {
            overrides = Map.copyOf(overrides);
        }

        public Path logDir() {
            return dataDir.resolve("kafka");
        }
    }

    private EmbeddedKafka(Settings settings, KafkaRaftServer server) {
        this.settings = settings;
        this.server = server;
    }

    /** Formats the log directory if needed, then starts the broker and waits until it serves. */
    public static EmbeddedKafka start(Settings settings) {
        Properties props = brokerProperties(settings);
        formatIfNeeded(settings, props);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(settings, server);
        kafka.installExitGuards();
        try {
            server.startup();
        } catch (RuntimeException e) {
            kafka.close();
            throw new IllegalStateException("Kafka broker failed to start on " + kafka.bootstrapServers()
                    + " (is the port in use?): " + e.getMessage(), e);
        }
        LOG.info("kafka broker listening on {} (controller {}:{}, data {})",
                kafka.bootstrapServers(), settings.host(), settings.controllerPort(), settings.logDir());
        return kafka;
    }

    public String bootstrapServers() {
        return settings.host() + ":" + settings.port();
    }

    /** The reason the broker asked to exit, or null while it is healthy. */
    public String fault() {
        return fault;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
        LOG.info("kafka broker stopped");
    }

    private void installExitGuards() {
        Exit.setExitProcedure((status, message) -> onFault("exit", status, message));
        Exit.setHaltProcedure((status, message) -> onFault("halt", status, message));
    }

    private void onFault(String kind, int status, String message) {
        fault = kind + "(" + status + ")" + (message == null ? "" : ": " + message);
        LOG.error("kafka broker requested {}; the JVM keeps running and the pipeline should be stopped", fault);
        // Kafka expects exit() not to return; unwinding the calling thread is the closest safe thing.
        throw new BrokerFaultException(fault);
    }

    static Properties brokerProperties(Settings s) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + s.host() + ":" + s.controllerPort());
        p.put("listeners", "PLAINTEXT://" + s.host() + ":" + s.port() + ",CONTROLLER://" + s.host() + ":" + s.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + s.host() + ":" + s.port());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", s.logDir().toAbsolutePath().toString());
        // A single broker: internal topics cannot have more than one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "3");
        // Topics come from invthink.topic.Topics; a typo in a topic name should fail, not create one.
        p.put("auto.create.topics.enable", "false");
        p.putAll(s.overrides());
        return p;
    }

    private static void formatIfNeeded(Settings settings, Properties props) {
        Path logDir = settings.logDir();
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Path configFile = settings.dataDir().resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "Written by invthink up; the broker reads its settings from invthink's flags.");
            }
            String clusterId = Uuid.randomUuid().toString();
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId, "--config", configFile.toString()},
                    new PrintStream(captured, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting " + logDir + " failed: " + captured.toString(StandardCharsets.UTF_8));
            }
            LOG.info("formatted new kafka log directory {} (cluster id {})", logDir, clusterId);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare kafka data directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** Raised on the broker thread that asked Kafka to exit the JVM. */
    public static final class BrokerFaultException extends RuntimeException {
        BrokerFaultException(String message) {
            super("kafka broker fault: " + message);
        }
    }
}
