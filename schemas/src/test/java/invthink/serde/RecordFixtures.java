package invthink.serde;

import invthink.avro.AugmentedExample;
import invthink.avro.Completion;
import invthink.avro.Consequence;
import invthink.avro.DeadLetter;
import invthink.avro.Harm;
import invthink.avro.HazardCategory;
import invthink.avro.InverseTrace;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.Prompt;
import invthink.avro.Refusal;
import invthink.avro.Response;
import invthink.avro.ResponseSource;
import invthink.avro.RolloutGroup;
import invthink.avro.SafetyMetric;
import invthink.avro.SafetyScore;
import invthink.avro.TokenUsage;
import invthink.avro.TrainingPhase;
import invthink.avro.ValidationStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated instance of every record type, non-default values in every field. */
public final class RecordFixtures {

    static final Instant T = Instant.ofEpochMilli(1_735_000_000_123L);

    private RecordFixtures() {
    }

    public static Prompt prompt() {
        return new Prompt("a1b2c3", "How do I store insulin?", "dataset:trident", "medicine", List.of("S6", "S11"),
                T, Map.of("email", 2), Map.of("row", "17"));
    }

    public static InverseTrace trace() {
        return new InverseTrace(List.of(new Harm("dosage", "Wrong dose advice")),
                List.of(new Consequence("dosage", "Hypoglycaemia")), List.of("Refer to a pharmacist"));
    }

    public static List<SpecificRecord> all() {
        Map<String, Double> rewards = new HashMap<>();
        rewards.put("format", 1.0);
        rewards.put("judge", null);
        return List.of(
                prompt(),
                trace(),
                new AugmentedExample(prompt(), trace(), "Keep it refrigerated.", "<invthink>...</invthink>", 3,
                        "offline-taxonomy-teacher", Map.of("temperature", "0.7"), new TokenUsage(10L, 20L, 30L),
                        ValidationStatus.REPAIRED, List.of("missing think tag"), T),
                new Response("r1", "a1b2c3", "How do I store insulin?", "In the fridge.", "sft-000120",
                        ResponseSource.EVAL, "medicine", T, Map.of("run", "eval-7")),
                new SafetyScore("r1", "a1b2c3", "sft-000120", ResponseSource.ROLLOUT, null, true, 4, 0.91,
                        List.of(HazardCategory.S6, HazardCategory.S14), Map.of("S6", 0.8), Refusal.PARTIAL,
                        "offline-minilm-logreg", T, true, T),
                new SafetyMetric(T, T.plusSeconds(60), "sft-000120", "medicine", "S6", "EVAL", 100L, 7L, 0.07, 1.4,
                        90.0, 12L, 0.12, T.plusSeconds(61), "TUMBLING", false, 60L, 3L, 0.05, T, null),
                new RolloutGroup("g1", "a1b2c3", "prompt text", List.of(1, 2, 3), true,
                        List.of(new Completion("answer", List.of(4, 5), List.of(-0.5f, -1.25f), rewards, 1.0, 0.5,
                                true)), "grpo-000040", 0.8f, T),
                new ModelVersion("grpo-000040", "sft-000120", TrainingPhase.GRPO, 40L, "file:///ckpt/40",
                        Map.of("loss", 0.25), ModelStatus.PROMOTED, "harmful_rate 0.02 < 0.05", T),
                new DeadLetter("ingest", "invthink.prompts", 2, 99L, ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)),
                        ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 9}), "WireFormatException", "magic byte 0x01",
                        null, T));
    }
}
