package invthink.registry;

import invthink.testkit.SharedKafka;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** Starts an embedded registry on SharedKafka with a topic no other test uses. */
public final class RegistryFixture {

    private RegistryFixture() {
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
