package invthink.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.TrainingPhase;
import invthink.registry.RegistryFixture;
import invthink.serde.AvroSerdes;
import invthink.testkit.SharedKafka;
import invthink.topic.TopicCreator;
import invthink.topic.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Which version a rollout worker samples with, as versions and the gate's decisions arrive. */
class PolicyWatcherTest {


    private static ModelVersion version(String id, TrainingPhase phase, ModelStatus status, Instant at) {
        return ModelVersion.newBuilder().setId(id).setParent(null).setPhase(phase).setStep(1)
                .setCheckpointUri("file:///tmp/" + id).setMetrics(Map.of()).setStatus(status).setReason(null).setCreatedAt(at).build();
    }

    /** Polls until {@code n} records of the topic have been read, collecting what the watcher reported. */
    private static List<String> reported(PolicyWatcher watcher, KafkaConsumer<String, ModelVersion> consumer, String topic, long n) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        var tp = new org.apache.kafka.common.TopicPartition(topic, 0);
        while (consumer.assignment().isEmpty() || consumer.position(tp) < n) {
            assertTrue(System.nanoTime() < deadline, "the watcher did not read " + n + " records");
            Optional<ModelVersion> v = watcher.poll(Duration.ofMillis(100));
            v.ifPresent(m -> out.add(m.getId()));
        }
        watcher.poll(Duration.ZERO).ifPresent(m -> out.add(m.getId()));
        return out;
    }

    @Test
    void aGateDecisionOnAnOldVersionDoesNotMakeItTheNewestAgain() throws Exception {
        String topic = SharedKafka.uniqueTopic("models");
        try (Admin admin = SharedKafka.admin()) {
            TopicCreator.ensure(admin, List.of(new TopicSpec(topic, 1, false, -1)));
        }
        Map<String, Object> config = RegistryFixture.sharedClientConfig();
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        try (KafkaProducer<String, ModelVersion> models = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.specific(ModelVersion.class, config, false).serializer())) {
            models.send(new ProducerRecord<>(topic, "grpo-5", version("grpo-5", TrainingPhase.GRPO, ModelStatus.CANDIDATE, t))).get();
            models.send(new ProducerRecord<>(topic, "sft-9", version("sft-9", TrainingPhase.SFT, ModelStatus.CANDIDATE, t.plusSeconds(5)))).get();
            models.send(new ProducerRecord<>(topic, "grpo-10", version("grpo-10", TrainingPhase.GRPO, ModelStatus.CANDIDATE, t.plusSeconds(10)))).get();
            // The gate decides grpo-5 later; its record is stamped when written, after grpo-10.
            models.send(new ProducerRecord<>(topic, "grpo-5", version("grpo-5", TrainingPhase.GRPO, ModelStatus.PROMOTED, t.plusSeconds(60)))).get();
            models.send(new ProducerRecord<>(topic, "grpo-15", version("grpo-15", TrainingPhase.GRPO, ModelStatus.REJECTED, t.plusSeconds(70)))).get();
        }
        Map<String, Object> watcherConfig = new HashMap<>(config);
        try (KafkaConsumer<String, ModelVersion> consumer = new KafkaConsumer<>(watcherConfig, new StringDeserializer(),
                AvroSerdes.specific(ModelVersion.class, config, false).deserializer())) {
            PolicyWatcher watcher = new PolicyWatcher(consumer, topic, TrainingPhase.GRPO);
            List<String> seen = reported(watcher, consumer, topic, 5);
            assertEquals("grpo-10", seen.get(seen.size() - 1), "newest published GRPO version, whatever the gate wrote later: " + seen);
            assertTrue(!seen.contains("sft-9") && !seen.contains("grpo-15"), "other phases and rejected versions are not followed: " + seen);
        }
    }
}
