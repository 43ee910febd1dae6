package invthink.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.Prompt;
import invthink.registry.RegistryConfig;
import invthink.registry.SchemaRegistryClient;
import invthink.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Our serdes and registry client against the real Confluent Schema Registry and a real
 * {@code apache/kafka} broker. Runs wherever a Docker engine is available; skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentRegistryContainerTest {

    private static final Network NETWORK = Network.newNetwork();

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1")
            .withNetwork(NETWORK)
            .withListener("kafka:19092");

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>("confluentinc/cp-schema-registry:7.9.0")
            .withNetwork(NETWORK)
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .dependsOn(KAFKA)
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));

    private static String registryUrl() {
        return "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081);
    }

    @Test
    void everyRecordRoundTripsThroughTheConfluentRegistryAndARealBroker() throws Exception {
        Map<String, Object> config = Map.of(RegistryConfig.URL, registryUrl());
        for (SpecificRecord record : RecordFixtures.all()) {
            String topic = "confluent-" + record.getSchema().getName();
            @SuppressWarnings("unchecked")
            Class<SpecificRecord> type = (Class<SpecificRecord>) record.getClass();
            try (SpecificAvroSerde<SpecificRecord> serde = AvroSerdes.specific(type, config, false)) {
                Map<String, Object> clients = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                try (KafkaProducer<String, SpecificRecord> producer =
                             new KafkaProducer<>(clients, new StringSerializer(), serde.serializer())) {
                    producer.send(new ProducerRecord<>(topic, "k", record)).get();
                }
                List<SpecificRecord> read = new ArrayList<>();
                try (KafkaConsumer<String, SpecificRecord> consumer =
                             new KafkaConsumer<>(clients, new StringDeserializer(), serde.deserializer())) {
                    TopicPartition partition = new TopicPartition(topic, 0);
                    consumer.assign(List.of(partition));
                    consumer.seekToBeginning(List.of(partition));
                    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                    while (read.isEmpty() && System.nanoTime() < deadline) {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                    }
                }
                assertEquals(List.of(record), read, record.getSchema().getName());
            }
        }
        SchemaRegistryClient client = SchemaRegistryClient.forUrl(registryUrl());
        assertTrue(client.subjects().contains("confluent-Prompt-value"));
        int id = client.lookup("confluent-Prompt-value", Prompt.getClassSchema()).id();
        assertEquals(Prompt.getClassSchema(), client.schemaById(id));
    }

    @Test
    void confluentRejectsAnIncompatibleChangeWith409AndItsMessage() {
        SchemaRegistryClient client = SchemaRegistryClient.forUrl(registryUrl());
        Schema v1 = SchemaBuilder.record("Item").namespace("confluent.test").fields().requiredString("a").endRecord();
        Schema breaking = SchemaBuilder.record("Item").namespace("confluent.test").fields()
                .requiredString("a").requiredInt("b").endRecord();
        client.register("items-value", v1);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.register("items-value", breaking));
        assertEquals(409, e.httpStatus());
        assertTrue(e.getMessage().toLowerCase().contains("incompatible"), e.getMessage());
    }
}
