package invthink.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.testkit.SharedKafka;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class RestartTest {

    private static Schema schema(String name) {
        return SchemaBuilder.record(name).namespace("restart").fields().requiredString("s").endRecord();
    }

    @Test
    void idsVersionsAndConfigSurviveARestartAndAreNeverReused() {
        String topic = SharedKafka.uniqueTopic("_schemas");
        int a;
        int b;
        try (EmbeddedSchemaRegistry first = RegistryFixture.start(topic)) {
            SchemaRegistryClient client = SchemaRegistryClient.forUrl(first.url());
            a = client.register("a-value", schema("A"));
            b = client.register("b-value", schema("B"));
            client.setCompatibility("b-value", CompatibilityLevel.FULL);
            client.setCompatibility(CompatibilityLevel.FORWARD);
        }
        try (EmbeddedSchemaRegistry second = RegistryFixture.start(topic)) {
            SchemaRegistryClient client = SchemaRegistryClient.forUrl(second.url());
            assertEquals(schema("A"), client.schemaById(a));
            assertEquals(schema("B"), client.schemaById(b));
            assertEquals(a, client.register("a-value", schema("A")));
            assertEquals(List.of("a-value", "b-value"), client.subjects());
            assertEquals(CompatibilityLevel.FULL, client.compatibility("b-value"));
            assertEquals(CompatibilityLevel.FORWARD, client.compatibility());
            int c = client.register("c-value", schema("C"));
            assertTrue(c > Math.max(a, b), "new id " + c + " must not reuse " + a + " or " + b);
        }
    }
}
