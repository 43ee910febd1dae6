package invthink.registry;

import invthink.testkit.SharedKafka;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Embedded registries on SharedKafka: a fresh one with a topic no other test uses, for tests of
 * the registry itself, or the one every other test of a JVM shares.
 */
public final class RegistryFixture {

    private static EmbeddedSchemaRegistry shared;

    private RegistryFixture() {
    }

    /** The URL of the registry shared by every test of this JVM; started on first use. */
    public static synchronized String sharedUrl() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared.url();
    }

    /** Client settings for SharedKafka with the shared registry. */
    public static Map<String, Object> sharedClientConfig() {
        return SharedKafka.clientConfig(Map.of(RegistryConfig.URL, sharedUrl()));
    }

    public static Map<String, Object> kafkaConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
    }

    public static EmbeddedSchemaRegistry start() {
        return start(SharedKafka.uniqueTopic("_schemas"));
    }

    public static EmbeddedSchemaRegistry start(String topic) {
        return EmbeddedSchemaRegistry.start(kafkaConfig(), topic, "127.0.0.1", 0);
    }
}
