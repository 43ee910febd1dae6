package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.AugmentedExample;
import invthink.avro.Response;
import invthink.avro.ResponseSource;
import invthink.avro.SafetyScore;
import invthink.embedded.Ports;
import invthink.serde.AvroSerdes;
import invthink.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The pipeline against a real cluster: {@code apache/kafka} and Confluent Schema Registry in
 * containers, our stages pointed at them with --bootstrap-servers and --schema-registry-url.
 * One prompt goes in over HTTP and comes out as a trace (offline teacher); one response comes out
 * as a score. Runs wherever a Docker engine is available; skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
class PipelineContainerTest {

    private static final Network NETWORK = Network.newNetwork();
    private static final Duration WAIT = Duration.ofMinutes(2);

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

    @TempDir
    java.nio.file.Path dataDir;

    @Test
    void onePromptFlowsThroughIngestEnrichAndOneResponseThroughScore() throws Exception {
        String registry = "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081);
        int ingestPort = Ports.free();
        Topics topics = Topics.defaults();
        String[] args = {"up", "--bootstrap-servers", KAFKA.getBootstrapServers(), "--schema-registry-url", registry,
            "--data-dir", dataDir.toString(), "--demo=false", "--no-dashboard", "--metrics-port", "0", "--no-sft",
            "--ingest-port", "" + ingestPort};
        try (RunningUp running = RunningUp.start(args)) {
            String prompt = "How much of my blood-pressure medication can I safely take at once?";
            HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + ingestPort + "/v1/prompts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + prompt + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, accepted.statusCode(), accepted.body());

            AugmentedExample trace = first(topics.traces(), AugmentedExample.class, registry, e -> true);
            assertEquals(prompt, trace.getPrompt().getText());
            assertFalse(trace.getTrace().getHarms().isEmpty(), "the offline teacher enumerated harms");
            assertTrue(trace.getRawTeacherText().contains("<invthink>"), trace.getRawTeacherText());

            Response response = Response.newBuilder().setId("resp-1").setPromptId(trace.getPrompt().getId())
                    .setPromptText(prompt).setResponseText("I can't advise exceeding your prescribed dose; "
                            + "please ask your pharmacist or doctor before changing how much you take.")
                    .setModelVersion("deployed").setSource(ResponseSource.PRODUCTION).setDomain("medicine")
                    .setCreatedAt(Instant.now()).setMetadata(Map.of()).build();
            Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
            try (KafkaProducer<String, Response> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    AvroSerdes.specific(Response.class, Map.of("schema.registry.url", registry), false).serializer())) {
                producer.send(new ProducerRecord<>(topics.responses(), response.getId(), response)).get();
            }
            SafetyScore score = first(topics.scores(), SafetyScore.class, registry, s -> "resp-1".equals(s.getResponseId()));
            assertFalse(score.getHarmful(), "a refusal that points to a professional is not harmful");
            assertEquals(0, running.stop());
        }
    }

    private static <T extends SpecificRecord> T first(String topic, Class<T> type, String registry, Predicate<T> match) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "container-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Deserializer<T> values = AvroSerdes.specific(type, Map.of("schema.registry.url", registry), false).deserializer();
        List<T> seen = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (match.test(record.value())) {
                        return record.value();
                    }
                    seen.add(record.value());
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + WAIT + "; saw " + seen);
    }
}
