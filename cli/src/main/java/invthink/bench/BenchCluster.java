package invthink.bench;

import invthink.cli.ConnectionOptions;
import invthink.embedded.EmbeddedStack;
import invthink.embedded.Ports;
import invthink.registry.RegistryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where a benchmark runs: the user's cluster when {@code --bootstrap-servers} (or a
 * {@code --kafka-config} with one) is given, else a throw-away embedded broker and registry in a
 * temporary directory, removed on close. Either way ours and the baseline share it.
 */
final class BenchCluster implements AutoCloseable {

    private final EmbeddedStack stack;
    private final Path tmp;
    private final Map<String, Object> kafkaConfig;
    private final String registryUrl;

    private BenchCluster(EmbeddedStack stack, Path tmp, Map<String, Object> kafkaConfig, String registryUrl) {
        this.stack = stack;
        this.tmp = tmp;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.registryUrl = registryUrl;
    }

    static BenchCluster open(ConnectionOptions connection) {
        Map<String, Object> user = connection.userKafkaConfig();
        if (user.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            Map<String, Object> config = connection.kafkaConfig();
            return new BenchCluster(null, null, config, (String) config.get(RegistryConfig.URL));
        }
        try {
            Path tmp = Files.createTempDirectory("invthink-bench");
            EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Settings("localhost", Ports.free(), Ports.free(),
                    Ports.free(), tmp, connection.topics(), user, connection.explicitRegistryUrl()));
            return new BenchCluster(stack, tmp, stack.kafkaConfig(), stack.registryUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kafka client settings, without registry keys. */
    Map<String, Object> kafkaConfig() {
        Map<String, Object> clients = new HashMap<>(kafkaConfig);
        clients.keySet().removeIf(k -> k.startsWith("schema.registry."));
        return clients;
    }

    /** Kafka client settings plus {@code schema.registry.url}, for serdes. */
    Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(RegistryConfig.URL, registryUrl);
        return config;
    }

    String registryUrl() {
        return registryUrl;
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
            try (var paths = Files.walk(tmp)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
