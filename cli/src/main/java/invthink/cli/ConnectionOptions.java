package invthink.cli;

import invthink.topic.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * How a command reaches Kafka and the schema registry. Mixed into every command.
 *
 * <p>{@code --kafka-config} takes a standard Kafka client properties file and passes it through
 * unchanged (SASL, SSL, {@code config.providers} for secrets from the environment); Confluent
 * registry keys in the same file ({@code schema.registry.url}, {@code basic.auth.user.info}, ...)
 * reach the serdes, so users' existing files work as they are.
 */
public final class ConnectionOptions {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final String DEFAULT_REGISTRY = "http://localhost:8081";
    private static final String REGISTRY_URL_KEY = "schema.registry.url";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster to use instead of the embedded one (default for commands other than up: "
                    + DEFAULT_BOOTSTRAP + ").")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry to use instead of the embedded one (default for "
                    + "commands other than up: " + DEFAULT_REGISTRY + ").")
    String schemaRegistryUrl;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties file, passed through unchanged (security, SASL, SSL, "
                    + "config providers, schema.registry.* keys).")
    Path kafkaConfigFile;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = Topics.DEFAULT_PREFIX,
            description = "Prefix of every pipeline topic (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = SettingsProvider.CONFIG_OPTION, paramLabel = "FILE",
            description = "Settings file (.properties or .yaml) whose keys mirror the flags; "
                    + "environment variables INVTHINK_<FLAG> override it, flags override both.")
    Path configFile;

    public Topics topics() {
        return new Topics(topicPrefix);
    }

    /** The user's client properties plus {@code --bootstrap-servers}, if given. */
    public Map<String, Object> userKafkaConfig() {
        Map<String, Object> config = new HashMap<>();
        if (kafkaConfigFile != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(kafkaConfigFile, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --kafka-config " + kafkaConfigFile + ": " + e.getMessage(), e);
            }
            props.stringPropertyNames().forEach(k -> config.put(k, props.getProperty(k)));
        }
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (schemaRegistryUrl != null && !schemaRegistryUrl.isBlank()) {
            config.put(REGISTRY_URL_KEY, schemaRegistryUrl);
        }
        return config;
    }

    /** Client properties for a command that talks to a running cluster (localhost by default). */
    public Map<String, Object> kafkaConfig() {
        Map<String, Object> config = userKafkaConfig();
        config.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
        config.putIfAbsent(REGISTRY_URL_KEY, DEFAULT_REGISTRY);
        return config;
    }

    /** The registry named by a flag or the properties file, or null for none given. */
    public String explicitRegistryUrl() {
        Object url = userKafkaConfig().get(REGISTRY_URL_KEY);
        return url == null ? null : url.toString();
    }
}
