package invthink.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import invthink.avro.AugmentedExample;
import invthink.avro.DeadLetter;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.RolloutGroup;
import invthink.avro.TrainingPhase;
import invthink.checkpoint.ModelDirectory;
import invthink.fixtures.TinyTokenizer;
import invthink.fixtures.Traces;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.registry.RegistryFixture;
import invthink.reward.LengthPenalty;
import invthink.reward.RewardFunction;
import invthink.reward.Sample;
import invthink.reward.WeightedRewards;
import invthink.serde.AvroSerdes;
import invthink.testkit.SharedKafka;
import invthink.tokenizer.TextTokenizer;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutWorkerTest {


    @TempDir
    Path dir;

    private static Map<String, Object> kafkaConfig() {
        return RegistryFixture.sharedClientConfig();
    }

    /** Reward: how many distinct tokens the completion uses — varies across samples, so advantages are not all 0. */
    private static final RewardFunction DISTINCT = new RewardFunction() {
        @Override
        public String name() {
            return "distinct";
        }

        @Override
        public OptionalDouble score(Sample s) {
            return OptionalDouble.of(java.util.Arrays.stream(s.completionTokenIds()).distinct().count());
        }
    };

    @Test
    void publishesRewardedGroupsDeadLettersGarbageAndReloadsANewPolicy() throws Exception {
        Topics topics = new Topics(SharedKafka.uniqueTopic("grpo") + ".");
        TopicCreator.ensure(SharedKafka.admin(), topics.all());
        byte[] garbage = {0x00, 0x00, 0x00, 0x7f, 0x13, 0x37};
        Path base = dir.resolve("base");
        Path next = dir.resolve("next");
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file());
             CausalLm a = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 3);
             CausalLm b = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 4)) {
            ModelDirectory.write(base, a, tok);
            ModelDirectory.write(next, b, tok);
        }
        try (KafkaProducer<String, AugmentedExample> p = new KafkaProducer<>(kafkaConfig(), new StringSerializer(),
                AvroSerdes.specific(AugmentedExample.class, kafkaConfig(), false).serializer());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(kafkaConfig(), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) p.send(new ProducerRecord<>(topics.traces(), "p" + i, Traces.example(i))).get();
            raw.send(new ProducerRecord<>(topics.traces(), "bad", garbage)).get();
        }
        WeightedRewards rewards = new WeightedRewards(List.of(new WeightedRewards.Term(DISTINCT, 1.0),
                new WeightedRewards.Term(new LengthPenalty(6, 2), 0.5)));
        WorkerOptions options = WorkerOptions.defaults(base).withLimits(6, 0, 1.0).withGroupId(SharedKafka.uniqueTopic("workers"));
        List<RolloutGroup> seen = new CopyOnWriteArrayList<>();
        CountDownLatch firstThree = new CountDownLatch(3);
        CountDownLatch reloaded = new CountDownLatch(1);
        CountDownLatch afterReload = new CountDownLatch(4);
        RolloutWorker.Listener listener = new RolloutWorker.Listener() {
            @Override
            public void onGroup(RolloutGroup group, GroupSampler.Batch batch) {
                seen.add(group);
                firstThree.countDown();
                if (group.getPolicyVersion().equals("grpo-1")) afterReload.countDown();
            }

            @Override
            public void onReload(String version) {
                reloaded.countDown();
            }
        };
        try (RolloutWorker worker = new RolloutWorker(options, kafkaConfig(), topics, rewards, Device.cpu(), listener).start()) {
            assertTrue(firstThree.await(120, TimeUnit.SECONDS), "groups for the first traces");
            try (KafkaProducer<String, ModelVersion> models = new KafkaProducer<>(kafkaConfig(), new StringSerializer(),
                    AvroSerdes.specific(ModelVersion.class, kafkaConfig(), false).serializer());
                 KafkaProducer<String, AugmentedExample> p = new KafkaProducer<>(kafkaConfig(), new StringSerializer(),
                         AvroSerdes.specific(AugmentedExample.class, kafkaConfig(), false).serializer())) {
                models.send(new ProducerRecord<>(topics.models(), "grpo-1", ModelVersion.newBuilder().setId("grpo-1")
                        .setParent(null).setPhase(TrainingPhase.GRPO).setStep(1).setCheckpointUri(next.toUri().toString())
                        .setMetrics(Map.of()).setStatus(ModelStatus.CANDIDATE).setReason(null).setCreatedAt(Instant.now()).build())).get();
                assertTrue(reloaded.await(60, TimeUnit.SECONDS), "new policy loaded without a restart");
                for (int i = 3; i < 7; i++) p.send(new ProducerRecord<>(topics.traces(), "p" + i, Traces.example(i))).get();
            }
            assertTrue(afterReload.await(120, TimeUnit.SECONDS), "groups sampled by the reloaded policy");
            assertEquals("grpo-1", worker.policyVersion());
        }
        assertEquals(7, seen.size());
        List<ConsumerRecord<String, RolloutGroup>> published = readAll(topics.rollouts(), RolloutGroup.class, 7);
        assertEquals(7, published.size());
        for (ConsumerRecord<String, RolloutGroup> r : published) {
            RolloutGroup g = r.value();
            assertEquals(4, g.getCompletions().size());
            assertFalse(g.getPromptTokenIds().isEmpty());
            double advSum = 0;
            for (var c : g.getCompletions()) {
                assertEquals(c.getTokenIds().size(), c.getOldLogProbs().size());
                assertTrue(c.getTokenIds().size() <= 6);
                double expected = c.getRewards().get("distinct") + 0.5 * c.getRewards().get("length");
                assertEquals(expected, c.getTotalReward(), 1e-9);
                advSum += c.getAdvantage();
            }
            assertEquals(0.0, advSum, 1e-6, "group-relative advantages sum to 0");
            assertEquals(g.getPromptId(), r.key());
        }
        assertEquals(3, published.stream().filter(r -> r.value().getPolicyVersion().equals(RolloutWorker.BASE_VERSION)).count());
        List<ConsumerRecord<String, DeadLetter>> dead = readAll(topics.dlq(), DeadLetter.class, 1);
        assertEquals(1, dead.size());
        ByteBuffer value = dead.get(0).value().getOriginalValue();
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        assertArrayEquals(garbage, bytes);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> readAll(
            String topic, Class<T> type, int expected) {
        Map<String, Object> config = new HashMap<>(kafkaConfig());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, SharedKafka.uniqueTopic("reader"));
        List<ConsumerRecord<String, T>> out = new ArrayList<>();
        try (KafkaConsumer<String, T> c = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.specific(type, kafkaConfig(), false).deserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (out.size() < expected || emptyPolls < 2)) {
                var records = c.poll(Duration.ofMillis(500));
                records.forEach(out::add);
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
            }
        }
        return out;
    }
}
