package invthink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.ModelVersion;
import invthink.avro.Prompt;
import invthink.avro.TrainingPhase;
import invthink.embedded.Ports;
import invthink.serde.AvroSerdes;
import invthink.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invthink up} trains SFT on the first traces, then GRPO from SFT's first version, in one JVM. */
class UpGrpoTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path dataDir;

    @Test
    void upPublishesAGrpoVersionAfterAnSftOne() throws Exception {
        int kafkaPort = Ports.free();
        int registryPort = Ports.free();
        String[] args = {"up", "--data-dir", dataDir.toString(), "--kafka-port", "" + kafkaPort,
            "--controller-port", "" + Ports.free(), "--registry-port", "" + registryPort, "--routes", "2",
            "--demo=false", "--ingest-port", "0", "--no-dashboard", "--metrics-port", "0", "--no-score",
            "--grpo-fraction", "1.0", "--grpo-max-completion-length", "12", "--grpo-groups-per-update", "1",
            "--grpo-save-steps", "1"};
        try (RunningUp running = RunningUp.start(args)) {
            EnrichStageFixture fx = new EnrichStageFixture("localhost:" + kafkaPort, "http://localhost:" + registryPort,
                    Topics.defaults());
            List<Prompt> prompts = new ArrayList<>();
            for (int i = 0; i < 6; i++) prompts.add(EnrichStageFixture.prompt("How do I store cleaning product number " + i + " safely?"));
            fx.send(prompts);
            List<ModelVersion> versions = versionsUntilGrpo("localhost:" + kafkaPort, "http://localhost:" + registryPort);
            ModelVersion firstSft = versions.stream().filter(v -> v.getPhase() == TrainingPhase.SFT).findFirst().orElseThrow();
            ModelVersion firstGrpo = versions.stream().filter(v -> v.getPhase() == TrainingPhase.GRPO).findFirst().orElseThrow();
            assertTrue(versions.indexOf(firstSft) < versions.indexOf(firstGrpo), "SFT first: " + versions);
            assertTrue(Files.isRegularFile(dataDir.resolve("grpo-start").resolve("model.safetensors")), "GRPO started from a copy of SFT's checkpoint");
            assertTrue(Files.isDirectory(Path.of(java.net.URI.create(firstGrpo.getCheckpointUri()))));
            assertTrue(firstGrpo.getMetrics().containsKey("reward"), "TRL-named metrics: " + firstGrpo.getMetrics());
            assertEquals(firstSft.getId(), firstGrpo.getParent(), "GRPO's lineage starts at the SFT version it began from");
            assertEquals(0, running.stop());
        }
    }

    private static List<ModelVersion> versionsUntilGrpo(String bootstrap, String registryUrl) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, "schema.registry.url", registryUrl);
        List<ModelVersion> seen = new ArrayList<>();
        try (KafkaConsumer<String, ModelVersion> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(),
                AvroSerdes.specific(ModelVersion.class, config, false).deserializer())) {
            TopicPartition tp = new TopicPartition(Topics.defaults().models(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, ModelVersion> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.value());
                    if (r.value().getPhase() == TrainingPhase.GRPO) return seen;
                }
            }
        }
        throw new AssertionError("no GRPO version within " + TIMEOUT + "; versions: " + seen);
    }
}
