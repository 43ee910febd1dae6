package invthink.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.TrainingPhase;
import invthink.checkpoint.ModelDirectory;
import invthink.fixtures.TinyTokenizer;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.registry.RegistryFixture;
import invthink.serde.AvroSerdes;
import invthink.sft.SftCheckpoints;
import invthink.testkit.SharedKafka;
import invthink.tokenizer.TextTokenizer;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GRPO's starting point: the first SFT version still on disk, copied whole, and kept once copied. */
class GrpoAfterSftTest {


    @TempDir
    Path dir;

    private static ModelVersion version(String id, TrainingPhase phase, Path checkpoint) {
        return ModelVersion.newBuilder().setId(id).setParent(null).setPhase(phase).setStep(1)
                .setCheckpointUri(checkpoint.toAbsolutePath().toUri().toString()).setMetrics(Map.of())
                .setStatus(ModelStatus.CANDIDATE).setReason(null).setCreatedAt(Instant.now()).build();
    }

    @Test
    void copiesTheFirstSftCheckpointStillOnDiskWithoutItsOptimizerState() throws Exception {
        Map<String, Object> kafka = RegistryFixture.sharedClientConfig();
        Topics topics = new Topics(SharedKafka.uniqueTopic("grpos") + ".");
        TopicCreator.ensure(SharedKafka.admin(), topics.all());
        Path checkpoint = dir.resolve("sft").resolve("checkpoint-000006");
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file());
             CausalLm model = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 3)) {
            ModelDirectory.write(checkpoint, model, tok);
        }
        Files.writeString(checkpoint.resolve(SftCheckpoints.OPTIMIZER_FILE), "moments");
        try (KafkaProducer<String, ModelVersion> p = new KafkaProducer<>(kafka, new StringSerializer(),
                AvroSerdes.specific(ModelVersion.class, kafka, false).serializer())) {
            // A GRPO version is not a start; an SFT version whose checkpoint was pruned is passed over.
            p.send(new ProducerRecord<>(topics.models(), "grpo-x", version("grpo-x", TrainingPhase.GRPO, checkpoint))).get();
            p.send(new ProducerRecord<>(topics.models(), "sft-000003", version("sft-000003", TrainingPhase.SFT,
                    dir.resolve("sft").resolve("checkpoint-000003")))).get();
            p.send(new ProducerRecord<>(topics.models(), "sft-000006", version("sft-000006", TrainingPhase.SFT, checkpoint))).get();
        }
        Path start = dir.resolve("grpo-start");
        assertTrue(GrpoAfterSft.awaitFirstSftVersion(kafka, topics, start, () -> false));
        assertArrayEquals(Files.readAllBytes(checkpoint.resolve("model.safetensors")), Files.readAllBytes(start.resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(start.resolve("config.json")) && Files.isRegularFile(start.resolve(TextTokenizer.FILE_NAME)));
        assertFalse(Files.exists(start.resolve(SftCheckpoints.OPTIMIZER_FILE)), "a model directory, not a resumable checkpoint");
        assertFalse(Files.exists(dir.resolve("grpo-start.partial")));
        assertEquals(java.util.Optional.of("sft-000006"), StartVersion.read(start), "the copy knows which version it is");
        // Once copied it stays: a restart starts at once, even on a topic with nothing for it.
        Files.writeString(start.resolve("marker"), "kept");
        assertTrue(GrpoAfterSft.awaitFirstSftVersion(kafka, new Topics(SharedKafka.uniqueTopic("none") + "."), start, () -> true));
        assertTrue(Files.exists(start.resolve("marker")));
        // Nothing published and stopped: no start.
        Topics empty = new Topics(SharedKafka.uniqueTopic("empty") + ".");
        TopicCreator.ensure(SharedKafka.admin(), empty.all());
        assertFalse(GrpoAfterSft.awaitFirstSftVersion(kafka, empty, dir.resolve("other"), () -> true));
        assertFalse(Files.exists(dir.resolve("other")));
    }
}
