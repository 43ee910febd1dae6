package invthink.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import invthink.avro.AugmentedExample;
import invthink.avro.DeadLetter;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.TrainingPhase;
import invthink.checkpoint.ModelDirectory;
import invthink.fixtures.TinyTokenizer;
import invthink.fixtures.Traces;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.registry.RegistryFixture;
import invthink.serde.AvroSerdes;
import invthink.testkit.SharedKafka;
import invthink.tokenizer.TextTokenizer;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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

class SftTrainerTest {


    @TempDir Path dir;

    private static Map<String, Object> kafkaConfig() {
        return RegistryFixture.sharedClientConfig();
    }

    /** A step's traces, recorded per run. */
    private static final class Recorder implements SftTrainer.Listener {
        final List<StepResult> steps = new ArrayList<>();
        final List<List<String>> ids = new ArrayList<>();
        final List<Path> checkpoints = new ArrayList<>();

        @Override
        public void onStep(StepResult step, List<String> traceIds) {
            steps.add(step);
            ids.add(traceIds);
        }

        @Override
        public void onCheckpoint(Path checkpoint, ModelVersion version) {
            checkpoints.add(checkpoint);
        }
    }

    @Test
    void resumesAfterAKillFromTheOffsetsInTheCheckpointLosingAndRepeatingNothing() throws Exception {
        Topics topics = new Topics(SharedKafka.uniqueTopic("sft") + ".");
        TopicCreator.ensure(SharedKafka.admin(), topics.all());
        int good = 12;
        byte[] garbage = {0x00, 0x00, 0x00, 0x7f, 0x13, 0x37};
        try (KafkaProducer<String, AugmentedExample> p = new KafkaProducer<>(kafkaConfig(), new StringSerializer(),
                AvroSerdes.specific(AugmentedExample.class, kafkaConfig(), false).serializer());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(kafkaConfig(), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < good; i++) p.send(new ProducerRecord<>(topics.traces(), "p" + i, Traces.example(i))).get();
            raw.send(new ProducerRecord<>(topics.traces(), 0, "bad", garbage)).get();
            AugmentedExample tooLong = Traces.example(99);
            tooLong.getPrompt().setText("Please read all of this first. ".repeat(400));
            p.send(new ProducerRecord<>(topics.traces(), 1, "long", tooLong)).get();
        }
        Path base = dir.resolve("base");
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file());
             CausalLm model = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 3)) {
            ModelDirectory.write(base, model, tok);
        }
        Path out = dir.resolve("out");
        // 12 traces, effective batch 2 (2 × 1), 2 epochs → 12 steps; checkpoint every 4.
        SftOptions options = SftOptions.defaults(out, base).withLearningRate(1e-3).withBatch(2, 1, 2).withSteps(4, 0, 6);

        Recorder first = new Recorder();
        new SftTrainer(options, kafkaConfig(), topics, Device.cpu(), first).run();
        assertEquals(6, first.steps.size(), "halted after six steps, two past the checkpoint at step 4");
        assertEquals(1, first.checkpoints.size());

        Recorder second = new Recorder();
        new SftTrainer(options.withSteps(4, 0, 0), kafkaConfig(), topics, Device.cpu(), second).run();
        assertEquals(5, second.steps.get(0).step(), "resumes after the last checkpoint");
        assertEquals(12, second.steps.get(second.steps.size() - 1).step());
        assertEquals(first.ids.get(4), second.ids.get(0), "the same batch as the lost step 5, in the same order");

        Map<String, Integer> timesTrained = new TreeMap<>();
        first.ids.subList(0, 4).forEach(b -> b.forEach(id -> timesTrained.merge(id, 1, Integer::sum)));
        second.ids.forEach(b -> b.forEach(id -> timesTrained.merge(id, 1, Integer::sum)));
        assertEquals(good, timesTrained.size(), "every good trace trained: " + timesTrained);
        assertTrue(timesTrained.values().stream().allMatch(n -> n == 2), "each exactly once per epoch: " + timesTrained);

        TrainerState last = TrainerState.read(SftCheckpoints.latest(out).orElseThrow());
        assertEquals(12, last.globalStep());
        assertEquals(null, last.round());
        assertEquals(good + 2, last.committed().values().stream().mapToLong(Long::longValue).sum(), "offsets past every record");
        assertEquals(1, last.rejected(), "the over-long trace is counted");
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "generation_config.json",
                "tokenizer_config.json", "optimizer.safetensors", "trainer_state.json")) {
            assertTrue(Files.isRegularFile(second.checkpoints.get(second.checkpoints.size() - 1).resolve(f)), f);
        }

        Map<String, ModelVersion> versions = readAll(topics.models(), ModelVersion.class).stream()
                .collect(Collectors.toMap(r -> r.key(), ConsumerRecord::value, (a, b) -> b, TreeMap::new));
        assertEquals(List.of("sft-000004", "sft-000008", "sft-000012"), List.copyOf(versions.keySet()));
        ModelVersion v12 = versions.get("sft-000012");
        assertEquals(TrainingPhase.SFT, v12.getPhase());
        assertEquals(ModelStatus.CANDIDATE, v12.getStatus());
        assertEquals("sft-000008", v12.getParent());
        assertTrue(Files.isDirectory(Path.of(java.net.URI.create(v12.getCheckpointUri()))));
        assertTrue(v12.getMetrics().containsKey("loss"));

        List<ConsumerRecord<String, DeadLetter>> dead = readAll(topics.dlq(), DeadLetter.class);
        assertEquals(2, dead.size(), "undecodable and over-long, each dead-lettered once although the round was read twice");
        assertTrue(dead.stream().allMatch(d -> d.value().getStage().equals("sft")));
        assertEquals(List.of("ExampleTooLong"), dead.stream().map(d -> d.value().getErrorClass())
                .filter(c -> c.equals("ExampleTooLong")).toList());
        DeadLetter undecodable = dead.stream().map(ConsumerRecord::value)
                .filter(d -> !d.getErrorClass().equals("ExampleTooLong")).findFirst().orElseThrow();
        ByteBuffer value = undecodable.getOriginalValue();
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        assertArrayEquals(garbage, bytes);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> readAll(String topic, Class<T> type) {
        Map<String, Object> config = new HashMap<>(kafkaConfig());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, SharedKafka.uniqueTopic("reader"));
        List<ConsumerRecord<String, T>> out = new ArrayList<>();
        try (KafkaConsumer<String, T> c = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.specific(type, kafkaConfig(), false).deserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (out.isEmpty() || emptyPolls < 2)) {
                var records = c.poll(Duration.ofMillis(500));
                records.forEach(out::add);
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
            }
        }
        return out;
    }
}
