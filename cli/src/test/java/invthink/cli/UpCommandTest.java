package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.embedded.EmbeddedKafka;
import invthink.embedded.Ports;
import invthink.topic.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code invthink up} through the real command line: a real broker on fixed ports, the
 * registry over HTTP, the topics, a clean stop, and a second start on the same data.
 */
class UpCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void startsAndStopsTwiceOnTheSameDataDirectoryKeepingTopicData() throws Exception {
        int kafkaPort = Ports.free();
        int controllerPort = Ports.free();
        int registryPort = Ports.free();
        int dashboardPort = Ports.free();
        String[] args = {"up", "--data-dir", dataDir.toString(), "--kafka-port", "" + kafkaPort,
            "--controller-port", "" + controllerPort, "--registry-port", "" + registryPort,
            "--dashboard-port", "" + dashboardPort, "--demo=false", "--ingest-port", "" + Ports.free(), "--metrics-port", "0", "--no-sft"};
        String bootstrap = "localhost:" + kafkaPort;
        String topic = Topics.defaults().prompts();

        try (RunningUp first = RunningUp.start(args)) {
            assertEquals(200, get("http://localhost:" + registryPort + "/subjects").statusCode());
            assertEquals(200, get("http://localhost:" + dashboardPort + "/api/snapshot").statusCode());
            assertTrue(get("http://localhost:" + dashboardPort + "/metrics").body().contains("invthink_dashboard_"));
            assertEquals(expectedTopicNames(), topicNames(first.topicsOutput(bootstrap)));
            produce(bootstrap, topic, "k1", "kept across restarts");
            assertEquals(0, first.stop(), "first run exits cleanly");
        }

        try (RunningUp second = RunningUp.start(args)) {
            assertEquals(List.of("kept across restarts"), readAll(bootstrap, topic, 1));
            String listing = second.topicsOutput(bootstrap);
            assertTrue(listing.lines().anyMatch(l -> l.startsWith(topic + " ") && l.trim().endsWith(" 1")),
                    "topics lists one record on " + topic + ":\n" + listing);
            assertEquals(0, second.stop(), "second run exits cleanly");
        }
    }

    @Test
    void aBrokerFaultStopsThePipelineInsteadOfKillingTheJvm() throws Exception {
        String[] args = {"up", "--data-dir", dataDir.toString(), "--kafka-port", "" + Ports.free(),
            "--controller-port", "" + Ports.free(), "--registry-port", "" + Ports.free(), "--no-dashboard",
            "--demo=false", "--ingest-port", "" + Ports.free(), "--metrics-port", "0", "--no-sft"};
        try (RunningUp running = RunningUp.start(args)) {
            // What a broker thread does on a fatal error; with the guard it must not exit the JVM.
            assertThrows(EmbeddedKafka.BrokerFaultException.class, () -> Exit.halt(1, "simulated fatal fault"));
            assertTrue(running.up.stack().brokerFault().contains("simulated fatal fault"));
            assertEquals(3, running.exit.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "up stops with exit code 3");
        }
    }

    private static List<String> expectedTopicNames() {
        return Topics.defaults().all().stream().map(t -> t.name()).toList();
    }

    private static List<String> topicNames(String listing) {
        return listing.lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "up-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
