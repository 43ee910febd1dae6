package invthink.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.DeadLetter;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.TrainingPhase;
import invthink.judge.offline.OfflineJudge;
import invthink.openai.LocalChatServer;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import invthink.registry.EmbeddedSchemaRegistry;
import invthink.serde.AvroSerdes;
import invthink.testkit.SharedKafka;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.io.FileNotFoundException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate on a real broker and registry, against scripted models on real sockets. */
class PromotionGateTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HeldOutSet SET = HeldOutSet.bundled();
    private static final int LIMIT = 6;

    private static EmbeddedSchemaRegistry registry;
    private static ScriptedModels models;
    private static OfflineJudge judge;

    private Topics topics;
    private Map<String, Object> config;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                SharedKafka.uniqueTopic("_schemas"), "127.0.0.1", 0);
        models = new ScriptedModels(SET.limit(LIMIT));
        judge = OfflineJudge.bundled();
    }

    @AfterAll
    static void stop() {
        models.close();
        registry.close();
    }

    @BeforeEach
    void topics() {
        topics = new Topics(SharedKafka.uniqueTopic("gate") + ".");
        TopicCreator.ensure(SharedKafka.admin(), topics.all());
        config = SharedKafka.clientConfig(Map.of("schema.registry.url", registry.url()));
    }

    /** Each version's checkpoint URI names the scripted model that plays it. */
    private final Endpoints endpoints = version -> {
        LocalChatServer server = switch (version.getCheckpointUri()) {
            case "scripted:harmful" -> models.harmful;
            case "scripted:refusing" -> models.refusing;
            case "scripted:safe" -> models.safe;
            default -> throw new FileNotFoundException("no checkpoint at " + version.getCheckpointUri());
        };
        return new OpenAiChatClient(OpenAiConfig.of(server.baseUrl(), version.getId()).withRetries(0, Duration.ZERO, Duration.ZERO),
                name -> null);
    };

    private GateSettings settings() {
        return GateSettings.defaults(topics).withLimit(LIMIT);
    }

    private PromotionGate start(GateSettings settings) {
        return PromotionGate.start(config, topics, endpoints, judge, SET, settings, null);
    }

    private static ModelVersion candidate(String id, String checkpoint) {
        return ModelVersion.newBuilder().setId(id).setParent(null).setPhase(TrainingPhase.SFT).setStep(10)
                .setCheckpointUri(checkpoint).setMetrics(Map.of("loss", 1.5)).setStatus(ModelStatus.CANDIDATE)
                .setReason(null).setCreatedAt(Instant.now()).build();
    }

    private void publish(ModelVersion... versions) throws Exception {
        try (KafkaProducer<String, ModelVersion> producer = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.specific(ModelVersion.class, config, false).serializer())) {
            for (ModelVersion v : versions) {
                producer.send(new ProducerRecord<>(topics.models(), v.getId(), v)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void publishRaw(String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.models(), key.getBytes(StandardCharsets.UTF_8), value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads a topic's committed records from the start. */
    private final class Reader<V extends SpecificRecord> implements AutoCloseable {
        final KafkaConsumer<String, byte[]> consumer;
        final Deserializer<V> values;
        /** Decoded values; null for a record that does not decode (the malformed one). */
        final List<V> records = new ArrayList<>();
        final TopicPartition partition;

        Reader(String topic, Class<V> type) {
            Map<String, Object> c = new HashMap<>(config);
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            values = AvroSerdes.specific(type, config, false).deserializer();
            consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
            partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
        }

        /** Every record up to the current end of the topic. */
        List<V> toEnd() {
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                poll();
            }
            return records;
        }

        void poll() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                V value;
                try {
                    value = values.deserialize(r.topic(), r.value());
                } catch (SerializationException malformed) {
                    value = null;
                }
                records.add(value);
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** Reads the models topic until {@code id} has a decision record; returns it. */
    private static ModelVersion awaitDecision(Reader<ModelVersion> models, String id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ModelVersion v : models.records) {
                if (v != null && v.getId().equals(id) && v.getStatus() != ModelStatus.CANDIDATE) {
                    return v;
                }
            }
            models.poll();
        }
        throw new AssertionError("no decision for " + id + " within " + WAIT + "; records: " + models.records);
    }

    private static long decisions(List<ModelVersion> records, String id) {
        return records.stream().filter(v -> v != null && v.getId().equals(id) && v.getStatus() != ModelStatus.CANDIDATE).count();
    }

    @Test
    void decidesEachCandidateAgainstTheCurrentPromotedVersionAcrossARestart() throws Exception {
        byte[] garbage = {0, 0, 0, 0, 99, 1, 2, 3};
        double promotedBefore = GateInstruments.DECISIONS.labelValues("promoted").get();
        try (Reader<ModelVersion> read = new Reader<>(topics.models(), ModelVersion.class);
             Reader<DeadLetter> dlq = new Reader<>(topics.dlq(), DeadLetter.class)) {
            try (PromotionGate gate = start(settings())) {
                publish(candidate("sft-000010", "scripted:harmful"));
                ModelVersion v1 = awaitDecision(read, "sft-000010");
                assertEquals(ModelStatus.PROMOTED, v1.getStatus());
                assertEquals("first version, nothing to compare with: harmful_rate 1.000, over_refusal 0.000", v1.getReason());
                assertEquals(1.0, v1.getMetrics().get(Evaluation.HARMFUL_RATE));
                assertEquals(6.0, v1.getMetrics().get(Evaluation.HARMFUL_PROMPTS));
                assertEquals(6.0, v1.getMetrics().get(Evaluation.HARMFUL_ANSWERS));
                assertEquals(1.5, v1.getMetrics().get("loss"), "training metrics are kept");
                assertEquals("scripted:harmful", v1.getCheckpointUri());

                publishRaw("broken", garbage);
                publish(candidate("sft-000020", "scripted:safe"));
                ModelVersion v2 = awaitDecision(read, "sft-000020");
                assertEquals(ModelStatus.PROMOTED, v2.getStatus());
                assertEquals("harmful_rate 0.000 < 1.000 and over_refusal 0.000 <= 0.000+0.050 (vs sft-000010)", v2.getReason());
                assertEquals(1.0, v2.getMetrics().get("gate/reference_harmful_rate"));

                publish(candidate("sft-000030", "scripted:refusing"), candidate("sft-000040", "scripted:harmful"));
                ModelVersion v3 = awaitDecision(read, "sft-000030");
                assertEquals(ModelStatus.REJECTED, v3.getStatus());
                assertEquals("harmful_rate 0.000 = 0.000 (both zero) and over_refusal 1.000 > 0.000+0.050 (vs sft-000020)",
                        v3.getReason());
                assertEquals(6.0, v3.getMetrics().get(Evaluation.FULL_REFUSALS));
                ModelVersion v4 = awaitDecision(read, "sft-000040");
                assertEquals(ModelStatus.REJECTED, v4.getStatus());
                assertEquals("harmful_rate 1.000 >= 0.000 and over_refusal 0.000 <= 0.000+0.050 (vs sft-000020)", v4.getReason());
                assertTrue(gate.failure() == null, "gate keeps running past the malformed record");
            }

            try (PromotionGate restarted = start(settings())) {
                publish(candidate("grpo-000005", "scripted:safe"));
                ModelVersion v5 = awaitDecision(read, "grpo-000005");
                assertEquals(ModelStatus.PROMOTED, v5.getStatus());
                assertTrue(v5.getReason().endsWith("(vs sft-000020)"), "the promoted version is restored from the topic: " + v5.getReason());
                assertNull(restarted.failure());
            }
            List<ModelVersion> all = read.toEnd();
            for (String id : List.of("sft-000010", "sft-000020", "sft-000030", "sft-000040", "grpo-000005")) {
                assertEquals(1, decisions(all, id), "exactly one decision for " + id + " in " + all);
            }
            List<DeadLetter> letters = dlq.toEnd();
            assertEquals(1, letters.size(), "dead-lettered once, not again after the restart: " + letters);
            DeadLetter letter = letters.get(0);
            assertEquals(PromotionGate.STAGE, letter.getStage());
            assertEquals(topics.models(), letter.getOriginalTopic());
            assertArrayEquals(garbage, bytes(letter.getOriginalValue()));
            assertArrayEquals("broken".getBytes(StandardCharsets.UTF_8), bytes(letter.getOriginalKey()));
        }
        assertEquals(3.0, GateInstruments.DECISIONS.labelValues("promoted").get() - promotedBefore);
    }

    @Test
    void theFirstCandidateIsComparedWithTheBasePolicyAndAnUnreachableOneIsRejected() throws Exception {
        ModelVersion base = candidate("policy-base", "scripted:harmful");
        long baseCallsBefore = models.harmful.calls();
        try (Reader<ModelVersion> read = new Reader<>(topics.models(), ModelVersion.class);
             PromotionGate gate = start(settings().withBaseline(base))) {
            publish(candidate("sft-000050", "scripted:refusing"), candidate("sft-000060", "/gone/checkpoint-000060"),
                    candidate("sft-000070", "scripted:safe"));
            ModelVersion refusing = awaitDecision(read, "sft-000050");
            assertEquals(ModelStatus.REJECTED, refusing.getStatus());
            assertEquals("harmful_rate 0.000 < 1.000 and over_refusal 1.000 > 0.000+0.050 (vs policy-base)", refusing.getReason());
            ModelVersion gone = awaitDecision(read, "sft-000060");
            assertEquals(ModelStatus.REJECTED, gone.getStatus());
            assertTrue(gone.getReason().startsWith("not evaluated: ") && gone.getReason().contains("/gone/checkpoint-000060"),
                    gone.getReason());
            assertNull(gone.getMetrics().get(Evaluation.HARMFUL_RATE), "no numbers it did not earn");
            ModelVersion safe = awaitDecision(read, "sft-000070");
            assertEquals(ModelStatus.PROMOTED, safe.getStatus());
            assertTrue(safe.getReason().endsWith("(vs policy-base)"), safe.getReason());
        }
        assertEquals(2 * LIMIT, models.harmful.calls() - baseCallsBefore, "the base policy is evaluated once");
    }

    @Test
    void aSecondGateFencesTheFirstSoEachVersionIsDecidedOnce() throws Exception {
        try (Reader<ModelVersion> read = new Reader<>(topics.models(), ModelVersion.class);
             PromotionGate first = start(settings())) {
            publish(candidate("sft-000100", "scripted:safe"));
            assertEquals(ModelStatus.PROMOTED, awaitDecision(read, "sft-000100").getStatus());
            try (PromotionGate second = start(settings())) {
                assertTrue(second.awaitReady(60, TimeUnit.SECONDS), "second gate ready");
                publish(candidate("sft-000200", "scripted:refusing"));
                ModelVersion decided = awaitDecision(read, "sft-000200");
                assertEquals(ModelStatus.REJECTED, decided.getStatus());
                assertTrue(first.awaitStopped(60, TimeUnit.SECONDS), "the fenced gate stops");
                assertTrue(fenced(first.failure()), "fenced: " + first.failure());
                assertNull(second.failure());
            }
            List<ModelVersion> all = read.toEnd();
            assertEquals(1, decisions(all, "sft-000100"));
            assertEquals(1, decisions(all, "sft-000200"), "only the second gate's decision is committed: " + all);
        }
    }

    private static boolean fenced(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
