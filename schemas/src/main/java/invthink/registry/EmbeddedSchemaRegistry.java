package invthink.registry;

import com.sun.net.httpserver.HttpServer;
import invthink.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process schema registry speaking the Confluent REST API, with its state in a compacted
 * Kafka topic. Start it with {@link #start}; it serves until {@link #close()}.
 *
 * <p>One instance should write to a topic at a time: ids are assigned from what this instance has
 * read, so two concurrent writers on one topic could assign the same id.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final int HTTP_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final RegistryLog log;
    private final String url;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, RegistryLog log) {
        this.server = server;
        this.executor = executor;
        this.log = log;
        InetAddress address = server.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
                : address.getHostAddress();
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getAddress().getPort();
    }

    /** Starts on the default {@code _schemas} topic. */
    public static EmbeddedSchemaRegistry start(Map<String, Object> kafkaClientConfig, String host, int port) {
        return start(kafkaClientConfig, Topics.SCHEMAS, host, port);
    }

    public static EmbeddedSchemaRegistry start(Properties kafkaClientConfig, String topic, String host, int port) {
        Map<String, Object> config = new HashMap<>();
        kafkaClientConfig.stringPropertyNames().forEach(name -> config.put(name, kafkaClientConfig.getProperty(name)));
        return start(config, topic, host, port);
    }

    /**
     * Creates the topic if missing, restores state from it and starts serving.
     *
     * @param kafkaClientConfig Kafka client settings, {@code bootstrap.servers} included; security
     *                          settings pass through to the producer, consumer and admin client
     * @param port              0 for an ephemeral port
     */
    public static EmbeddedSchemaRegistry start(Map<String, Object> kafkaClientConfig, String topic, String host,
            int port) {
        if (kafkaClientConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("missing " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        }
        RegistryLog log = new RegistryLog(kafkaClientConfig, topic);
        ExecutorService executor = null;
        try {
            RegistryState state = new RegistryState();
            int records = log.replay(state);
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
            server.setExecutor(executor);
            server.createContext("/", new RegistryHttpHandler(new RegistryService(state, log)));
            server.start();
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, executor, log);
            LOG.info("Schema registry listening on {} (topic {}): restored {} schemas, {} subjects from {} records",
                    registry.url(), topic, state.schemaCount(), state.subjects(false).size(), records);
            return registry;
        } catch (IOException | RuntimeException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            log.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not start the schema registry on " + host + ":" + port, io);
            }
            throw (RuntimeException) e;
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Base URL for clients, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String topic() {
        return log.topic();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.close();
        LOG.info("Schema registry on {} stopped", url);
    }
}
