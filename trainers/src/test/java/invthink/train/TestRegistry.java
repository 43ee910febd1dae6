package invthink.train;

import invthink.registry.EmbeddedSchemaRegistry;
import invthink.testkit.SharedKafka;
import java.util.Map;

/** One embedded schema registry on the shared test cluster for every test of this module. */
public final class TestRegistry {

    private static EmbeddedSchemaRegistry registry;

    private TestRegistry() {
    }

    public static synchronized String url() {
        if (registry == null) {
            registry = EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                    SharedKafka.uniqueTopic("_schemas"), "127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close));
        }
        return registry.url();
    }

    /** Client settings for the shared cluster with this registry. */
    public static Map<String, Object> clientConfig() {
        return SharedKafka.clientConfig(Map.of("schema.registry.url", url()));
    }
}
