package invthink.embedded;

import invthink.registry.EmbeddedSchemaRegistry;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code invthink up} runs underneath the pipeline stages: the broker (unless an external
 * cluster is given), the schema registry (unless an external one is given) and the topics.
 *
 * <p>Components start in dependency order and close in reverse, so Ctrl-C leaves the data
 * directory consistent for the next start.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, Object> kafkaConfig;
    private final String registryUrl;
    private final EmbeddedKafka broker;

    /**
     * @param host              interface the embedded servers bind to
     * @param kafkaPort         broker client port
     * @param controllerPort    KRaft controller port
     * @param registryPort      schema registry port
     * @param dataDir           where the broker keeps its data
     * @param topics            the pipeline's topics
     * @param kafkaClientConfig user client properties ({@code --kafka-config}); a
     *                          {@code bootstrap.servers} entry means an external cluster
     * @param externalRegistry  URL of an external registry, or null to run the embedded one
     */
    public record Settings(String host, int kafkaPort, int controllerPort, int registryPort, Path dataDir,
                           Topics topics, Map<String, Object> kafkaClientConfig, String externalRegistry) {
        public Settings {
            kafkaClientConfig = Map.copyOf(kafkaClientConfig);
        }

        boolean externalKafka() {
            return kafkaClientConfig.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        }
    }

    private EmbeddedStack(Map<String, Object> kafkaConfig, String registryUrl, EmbeddedKafka broker) {
        this.kafkaConfig = kafkaConfig;
        this.registryUrl = registryUrl;
        this.broker = broker;
    }

    public static EmbeddedStack start(Settings settings) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Map<String, Object> kafkaConfig = new HashMap<>(settings.kafkaClientConfig());
            EmbeddedKafka broker = null;
            if (!settings.externalKafka()) {
                broker = EmbeddedKafka.start(new EmbeddedKafka.Settings(settings.host(), settings.kafkaPort(),
                        settings.controllerPort(), settings.dataDir(), Map.of()));
                opened.push(broker);
                kafkaConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            } else {
                LOG.info("using external kafka cluster at {}", kafkaConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
            }

            List<String> created;
            try (Admin admin = Admin.create(kafkaConfig)) {
                created = TopicCreator.ensure(admin, settings.topics().all());
            }
            LOG.info("topics ready: {} ({} created now)", settings.topics().all().size(), created.size());

            String registryUrl = settings.externalRegistry();
            if (registryUrl == null) {
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafkaConfig,
                        settings.topics().schemas(), settings.host(), settings.registryPort());
                opened.push(registry);
                registryUrl = registry.url();
            } else {
                LOG.info("using external schema registry at {}", registryUrl);
            }

            EmbeddedStack stack = new EmbeddedStack(Map.copyOf(kafkaConfig), registryUrl, broker);
            stack.started.addAll(opened);
            return stack;
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Client properties every stage uses: the user's, with the bootstrap servers resolved. */
    public Map<String, Object> kafkaConfig() {
        return kafkaConfig;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public String bootstrapServers() {
        return (String) kafkaConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** A broker fault reported instead of a JVM exit, or null. */
    public String brokerFault() {
        return broker == null ? null : broker.fault();
    }

    /** Registers a component to close before everything started so far. */
    public void own(AutoCloseable component) {
        started.push(component);
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> components) {
        while (!components.isEmpty()) {
            AutoCloseable c = components.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
