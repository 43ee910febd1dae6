package invthink.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.registry.EmbeddedSchemaRegistry;
import invthink.registry.RegistryConfig;
import invthink.serde.SpecificAvroSerializer;
import invthink.testkit.SharedKafka;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A dashboard on the shared test cluster with its own topics and registry, and a producer that
 * writes Avro records to them as the stages do.
 */
final class DashboardFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedSchemaRegistry registry;
    final Topics topics;
    final DashboardServer server;
    final KafkaProducer<String, SpecificRecord> producer;
    final Map<String, Object> clientConfig;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private DashboardFixture(EmbeddedSchemaRegistry registry, Topics topics, DashboardServer server,
                             KafkaProducer<String, SpecificRecord> producer, Map<String, Object> clientConfig) {
        this.registry = registry;
        this.topics = topics;
        this.server = server;
        this.producer = producer;
        this.clientConfig = clientConfig;
    }

    static DashboardFixture start(UnaryOperator<DashboardSettings> tweak) {
        Topics topics = new Topics(SharedKafka.uniqueTopic("dash") + ".");
        try (Admin admin = SharedKafka.admin()) {
            TopicCreator.ensure(admin, topics.all());
        }
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers()), topics.schemas(), "127.0.0.1", 0);
        Map<String, Object> clientConfig = SharedKafka.clientConfig(Map.of(RegistryConfig.URL, registry.url()));
        DashboardSettings settings = tweak.apply(DashboardSettings.of("127.0.0.1", 0, topics, clientConfig)
                .withProbeInterval(Duration.ofMillis(500)));
        DashboardServer server = DashboardServer.start(settings);

        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(producerConfig, false);
        KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), values);
        return new DashboardFixture(registry, topics, server, producer, clientConfig);
    }

    void send(String topic, String key, SpecificRecord value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Publishes without waiting; {@code producer.flush()} waits for all. */
    void sendAsync(String topic, String key, SpecificRecord value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url()).resolve(path)).GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A live-stream client starting after the current snapshot. */
    SseTestClient liveFromSnapshot() throws IOException, InterruptedException {
        return SseTestClient.connect(server.url(), json("/api/snapshot").get("eventId").asText(), false);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        server.close();
        registry.close();
    }
}
