package invthink.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import invthink.avro.Completion;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.RolloutGroup;
import invthink.avro.TrainingMetrics;
import invthink.avro.TrainingPhase;
import invthink.checkpoint.ModelDirectory;
import invthink.fixtures.TinyTokenizer;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.registry.RegistryFixture;
import invthink.serde.AvroSerdes;
import invthink.sft.TrainerState;
import invthink.testkit.SharedKafka;
import invthink.tokenizer.TextTokenizer;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpoTrainerTest {


    @TempDir
    Path dir;

    private static Map<String, Object> kafkaConfig() {
        return RegistryFixture.sharedClientConfig();
    }

    private static Completion completion(List<Integer> ids, double advantage) {
        return Completion.newBuilder().setText("").setTokenIds(ids).setOldLogProbs(ids.stream().map(i -> -6.2f).toList())
                .setRewards(Map.of("pattern", advantage > 0 ? 1.0 : 0.0)).setTotalReward(advantage > 0 ? 1 : 0)
                .setAdvantage(advantage).setTruncated(false).build();
    }

    private static RolloutGroup group(String id, String version) {
        return RolloutGroup.newBuilder().setGroupId(id).setPromptId(id).setPromptText("q").setPromptTokenIds(List.of(1, 2, 3))
                .setTraceConditioned(false).setCompletions(List.of(completion(List.of(10, 11, 12), 1.0), completion(List.of(20, 21), -1.0)))
                .setPolicyVersion(version).setTemperature(1f).setCreatedAt(Instant.now()).build();
    }

    @Test
    void trainsOnFreshGroupsDropsStaleOnesAndPublishesVersionsWithOffsets() throws Exception {
        Topics topics = new Topics(SharedKafka.uniqueTopic("grpol") + ".");
        TopicCreator.ensure(SharedKafka.admin(), topics.all());
        Path base = dir.resolve("base");
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file());
             CausalLm a = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 3)) {
            ModelDirectory.write(base, a, tok);
        }
        Path out = dir.resolve("out");
        // 2 groups per update, a version every 2 updates, 4 updates in all, no stale version tolerated.
        LearnerOptions options = LearnerOptions.defaults(out, base).with(1e-3, 2, 2, 4, 0)
                .withGroupId(SharedKafka.uniqueTopic("learner"));
        List<ModelVersion> versions = new CopyOnWriteArrayList<>();
        List<Map<String, Double>> metrics = new CopyOnWriteArrayList<>();
        CountDownLatch firstVersion = new CountDownLatch(1);
        GrpoTrainer.Listener listener = new GrpoTrainer.Listener() {
            @Override
            public void onUpdate(GrpoStepResult step, Map<String, Double> m) {
                metrics.add(m);
            }

            @Override
            public void onCheckpoint(Path d, ModelVersion v) {
                versions.add(v);
                firstVersion.countDown();
            }
        };
        try (KafkaProducer<String, RolloutGroup> p = new KafkaProducer<>(kafkaConfig(), new StringSerializer(),
                AvroSerdes.specific(RolloutGroup.class, kafkaConfig(), false).serializer());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(kafkaConfig(), new StringSerializer(), new ByteArraySerializer());
             GrpoTrainer trainer = new GrpoTrainer(options, kafkaConfig(), topics, Device.cpu(), listener)) {
            for (int i = 0; i < 4; i++) p.send(new ProducerRecord<>(topics.rollouts(), "g", group("g" + i, "base"))).get();
            raw.send(new ProducerRecord<>(topics.rollouts(), "g", new byte[] {0, 0, 0, 0x7f, 1})).get();
            trainer.start();
            assertTrue(firstVersion.await(120, TimeUnit.SECONDS), "a version after 2 updates");
            String v1 = versions.get(0).getId();
            // Sampled by the base policy, now one version behind: dropped. Then fresh groups of v1.
            for (int i = 4; i < 6; i++) p.send(new ProducerRecord<>(topics.rollouts(), "g", group("g" + i, "base"))).get();
            for (int i = 6; i < 10; i++) p.send(new ProducerRecord<>(topics.rollouts(), "g", group("g" + i, v1))).get();
            assertTrue(trainer.await(120, TimeUnit.SECONDS), "stops at max steps");
            assertFalse(trainer.failure().isPresent(), () -> trainer.failure().get().toString());
            assertEquals(2, trainer.dropped());
        }
        assertEquals(4, metrics.size());
        assertEquals(2, versions.size());
        for (ModelVersion v : versions) {
            assertEquals(TrainingPhase.GRPO, v.getPhase());
            assertEquals(ModelStatus.CANDIDATE, v.getStatus());
            assertTrue(Files.isDirectory(Path.of(java.net.URI.create(v.getCheckpointUri()))));
        }
        assertEquals(versions.get(0).getId(), versions.get(1).getParent());
        Map<String, Double> m = metrics.get(0);
        for (String key : List.of("reward", "reward_std", "rewards/pattern/mean", "rewards/pattern/std", "frac_reward_zero_std",
                "kl", "clip_ratio/region_mean", "entropy", "completions/mean_length", "completions/clipped_ratio", "step_time")) {
            assertTrue(m.containsKey(key), key);
        }
        assertEquals(0.5, m.get("reward"), 1e-9);
        assertEquals(2.5, m.get("completions/mean_length"), 1e-9);
        TrainerState last = TrainerState.read(Path.of(java.net.URI.create(versions.get(1).getCheckpointUri())));
        assertEquals(4, last.globalStep());
        // All 11 records of the single partition (4 + garbage + 2 stale + 4) were consumed.
        long total = last.committed().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(11, total);

        List<TrainingMetrics> published = trainingMetrics(topics, 4);
        assertEquals(List.of(1L, 2L, 3L, 4L), published.stream().map(TrainingMetrics::getStep).toList());
        for (TrainingMetrics t : published) {
            assertEquals(GrpoTrainer.STAGE, t.getStage());
            assertEquals("GRPO", t.getPhase());
            for (String key : List.of("reward", "reward_std", "kl", "entropy", "completions/mean_length", "clip_ratio/region_mean")) {
                assertTrue(t.getMetrics().containsKey(key), key + " in " + t.getMetrics());
            }
        }
        assertEquals(0.5, published.get(0).getMetrics().get("reward"), 1e-9);
        assertEquals(2.5, published.get(0).getMetrics().get("completions/mean_length"), 1e-9);
        assertEquals(null, published.get(0).getPolicyVersion());
        assertEquals(v1Id(versions), published.get(2).getPolicyVersion());
        assertEquals(2.5, gauge("invthink_grpo_metric", "completions/mean_length"), 1e-9);
        assertTrue(Double.isFinite(gauge("invthink_grpo_metric", "kl")));
    }

    private static String v1Id(List<ModelVersion> versions) {
        return versions.get(0).getId();
    }

    private static List<TrainingMetrics> trainingMetrics(Topics topics, int expected) {
        List<TrainingMetrics> out = new ArrayList<>();
        try (KafkaConsumer<String, TrainingMetrics> c = new KafkaConsumer<>(kafkaConfig(), new StringDeserializer(),
                AvroSerdes.specific(TrainingMetrics.class, kafkaConfig(), false).deserializer())) {
            TopicPartition tp = new TopicPartition(topics.trainingMetrics(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, TrainingMetrics> r : c.poll(Duration.ofMillis(200))) out.add(r.value());
            }
        }
        return out;
    }

    /** A labelled gauge's value as the /metrics endpoint would expose it. */
    private static double gauge(String name, String metric) {
        for (MetricSnapshot s : PrometheusRegistry.defaultRegistry.scrape()) {
            if (!s.getMetadata().getName().equals(name)) continue;
            for (GaugeSnapshot.GaugeDataPointSnapshot p : ((GaugeSnapshot) s).getDataPoints()) {
                if (metric.equals(p.getLabels().get("metric"))) return p.getValue();
            }
        }
        throw new AssertionError("no gauge " + name + "{metric=\"" + metric + "\"}");
    }

    /** Group {@code i}'s mean reward is (i + 1) / 2, so an update's "reward" metric names the group it trained on. */
    private static RolloutGroup numbered(int i) {
        Completion best = completion(List.of(10, 11, 12), 1.0);
        best.setTotalReward(i + 1);
        return RolloutGroup.newBuilder(group("g" + i, "base")).setCompletions(List.of(best, completion(List.of(20, 21), -1.0))).build();
    }

    @Test
    void aRestartedLearnerResumesFromItsCommittedOffsetsNeitherRetrainingNorSkippingGroups() throws Exception {
        Topics topics = new Topics(SharedKafka.uniqueTopic("grpor") + ".");
        TopicCreator.ensure(SharedKafka.admin(), topics.all());
        Path base = dir.resolve("base");
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file());
             CausalLm a = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 3)) {
            ModelDirectory.write(base, a, tok);
        }
        // One group per update, a checkpoint every 2 updates, 4 updates in all.
        LearnerOptions options = LearnerOptions.defaults(dir.resolve("out"), base).with(1e-3, 1, 2, 4, 5)
                .withGroupId(SharedKafka.uniqueTopic("learner"));
        try (KafkaProducer<String, RolloutGroup> p = new KafkaProducer<>(kafkaConfig(), new StringSerializer(),
                AvroSerdes.specific(RolloutGroup.class, kafkaConfig(), false).serializer())) {
            for (int i = 0; i < 6; i++) p.send(new ProducerRecord<>(topics.rollouts(), 0, "g", numbered(i))).get();
        }
        // First run: trains g0, g1 (checkpoint at step 2), then g2 at step 3 and is stopped before its next checkpoint.
        List<Double> first = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<GrpoTrainer> running = new java.util.concurrent.atomic.AtomicReference<>();
        GrpoTrainer.Listener stopAtThree = new GrpoTrainer.Listener() {
            @Override
            public void onUpdate(GrpoStepResult step, Map<String, Double> m) {
                first.add(m.get("reward"));
                if (step.step() == 3) running.get().close();
            }
        };
        try (GrpoTrainer trainer = new GrpoTrainer(options, kafkaConfig(), topics, Device.cpu(), stopAtThree)) {
            running.set(trainer);
            trainer.start();
            assertTrue(trainer.await(120, TimeUnit.SECONDS), "first run stops");
            assertFalse(trainer.failure().isPresent(), () -> trainer.failure().get().toString());
        }
        assertEquals(List.of(0.5, 1.0, 1.5), first);
        // Second run on the same directory: from checkpoint 2 and its offsets, so g2 again (its update was never
        // checkpointed, and the weights went back with it) and g3; neither g0 nor g1, nor skipping to g4.
        List<Double> second = new CopyOnWriteArrayList<>();
        List<Long> steps = new CopyOnWriteArrayList<>();
        GrpoTrainer.Listener record = new GrpoTrainer.Listener() {
            @Override
            public void onUpdate(GrpoStepResult step, Map<String, Double> m) {
                second.add(m.get("reward"));
                steps.add(step.step());
            }
        };
        try (GrpoTrainer trainer = new GrpoTrainer(options, kafkaConfig(), topics, Device.cpu(), record)) {
            trainer.start();
            assertTrue(trainer.await(120, TimeUnit.SECONDS), "second run stops at max steps");
            assertFalse(trainer.failure().isPresent(), () -> trainer.failure().get().toString());
        }
        assertEquals(List.of(1.5, 2.0), second);
        assertEquals(List.of(3L, 4L), steps, "optimizer steps continue from the checkpoint");
        TrainerState last = TrainerState.read(dir.resolve("out").resolve("checkpoint-000004"));
        assertEquals(Map.of(0, 4L), last.committed(), "g0..g3 consumed; g4 and g5 wait for the next run");
    }

    @Test
    void stalenessCountsVersionsPublishedSince() {
        List<String> versions = List.of("v1", "v2", "v3");
        assertEquals(0, GrpoTrainer.staleness(versions, "v3"));
        assertEquals(2, GrpoTrainer.staleness(versions, "v1"));
        assertEquals(3, GrpoTrainer.staleness(versions, "sft-base"));
        assertEquals(0, GrpoTrainer.staleness(List.of(), "sft-base"));
    }
}
