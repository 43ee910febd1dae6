package invthink.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import invthink.chat.EncodedExample;
import invthink.chat.ExampleEncoder;
import invthink.fixtures.Corpus;
import invthink.fixtures.TinyTokenizer;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SftLearnerTest {

    @Test
    void lossFallsClearlyOnASmallFixedSet() {
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file());
             CausalLm model = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 1)) {
            ExampleEncoder encoder = new ExampleEncoder(tok, null, 256);
            List<EncodedExample> examples = new ArrayList<>();
            for (int i = 0; i < 4; i++) examples.add(encoder.encode(Corpus.prompt(i), Corpus.teacherText(i)));
            PackedBatch all = PackedBatch.of(examples, 1024, true);
            int steps = 25;
            try (SftLearner learner = new SftLearner(model, AdamW.defaults(model.weights(), model.manager()),
                    LearningRateSchedule.withWarmupRatio(6e-3, 0.1, steps), 1.0)) {
                double before = learner.evaluate(all);
                StepResult last = null;
                for (int s = 0; s < steps; s++) {
                    // Two micro-batches of two examples: gradient accumulation over the four.
                    last = learner.step(List.of(PackedBatch.of(examples.subList(0, 2), 512, true),
                            PackedBatch.of(examples.subList(2, 4), 512, true)));
                    assertTrue(Double.isFinite(last.loss()) && Double.isFinite(last.gradNorm()));
                }
                double after = learner.evaluate(all);
                assertEquals(steps, last.step());
                assertEquals(all.lossTokens(), last.lossTokens());
                assertTrue(after < 0.4 * before, "loss " + before + " -> " + after);
            }
        }
    }

    @Test
    void packedNeighboursDoNotSeeEachOther() {
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file());
             CausalLm model = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 2)) {
            ExampleEncoder encoder = new ExampleEncoder(tok, null, 256);
            EncodedExample a = encoder.encode(Corpus.prompt(0), Corpus.teacherText(0));
            EncodedExample a2 = encoder.encode(Corpus.prompt(5), "Something else entirely, and longer: " + Corpus.teacherText(7));
            EncodedExample b = encoder.encode(Corpus.prompt(3), Corpus.teacherText(3));
            float[] bBesideA = logitsOfSecond(model, a, b);
            float[] bBesideA2 = logitsOfSecond(model, a2, b);
            float[] bAlone = logitsOfFirst(model, b);
            assertEquals(bAlone.length, bBesideA.length);
            for (int i = 0; i < bAlone.length; i++) {
                assertEquals(bAlone[i], bBesideA[i], 1e-4);
                assertEquals(bBesideA[i], bBesideA2[i], 1e-4);
            }
        }
    }

    private static float[] logitsOfSecond(CausalLm model, EncodedExample first, EncodedExample second) {
        float[] all = rowLogits(model, PackedBatch.of(List.of(first, second), 1024, true));
        int v = model.config().vocabSize();
        return Arrays.copyOfRange(all, first.length() * v, (first.length() + second.length()) * v);
    }

    private static float[] logitsOfFirst(CausalLm model, EncodedExample only) {
        return rowLogits(model, PackedBatch.of(List.of(only), 1024, true));
    }

    private static float[] rowLogits(CausalLm model, PackedBatch batch) {
        assertEquals(1, batch.rows());
        try (NDScope ignored = new NDScope()) {
            PackedBatch.Inputs in = batch.toArrays(model.manager());
            NDArray logits = model.forward(in.ids(), in.positions(), in.mask(), null);
            return logits.toFloatArray();
        }
    }
}
