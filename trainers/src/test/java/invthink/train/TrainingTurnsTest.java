package invthink.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import invthink.chat.EncodedExample;
import invthink.chat.ExampleEncoder;
import invthink.fixtures.Corpus;
import invthink.fixtures.TinyTokenizer;
import invthink.grpo.GrpoLearner;
import invthink.grpo.GrpoLossConfig;
import invthink.grpo.GrpoStepResult;
import invthink.grpo.RolloutSample;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.sft.AdamW;
import invthink.sft.PackedBatch;
import invthink.sft.SftLearner;
import invthink.sft.StepResult;
import invthink.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SFT and GRPO updating two models on two threads of one JVM, as in {@code invthink up}. */
class TrainingTurnsTest {

    private static final int STEPS = 6;

    @Test
    void sftAndGrpoUpdatesInOneJvmTakeTurnsAndBothProgress() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file());
             CausalLm sftModel = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 11);
             CausalLm grpoModel = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 12);
             SftLearner sft = new SftLearner(sftModel, AdamW.defaults(sftModel.weights(), sftModel.manager()), step -> 3e-3, 1.0);
             GrpoLearner grpo = new GrpoLearner(grpoModel, null, AdamW.defaults(grpoModel.weights(), grpoModel.manager()),
                     step -> 1e-2, 1.0, GrpoLossConfig.defaults(4), 1.0)) {
            ExampleEncoder encoder = new ExampleEncoder(tok, null, 256);
            List<EncodedExample> examples = new ArrayList<>();
            for (int i = 0; i < 4; i++) examples.add(encoder.encode(Corpus.prompt(i), Corpus.teacherText(i)));
            PackedBatch batch = PackedBatch.of(examples, 1024, true);
            RolloutSample good = new RolloutSample(new int[] {1, 2, 3}, new int[] {10, 11, 12}, new float[] {-6.2f, -6.2f, -6.2f}, 1.0);
            RolloutSample bad = new RolloutSample(new int[] {1, 2, 3}, new int[] {20, 21}, new float[] {-6.2f, -6.2f}, -1.0);
            long turnsBefore = TrainingTurns.taken();
            CountDownLatch go = new CountDownLatch(1);
            Future<List<StepResult>> sftSteps = pool.submit(() -> {
                go.await();
                List<StepResult> out = new ArrayList<>();
                for (int i = 0; i < STEPS; i++) out.add(sft.step(List.of(batch)));
                return out;
            });
            Future<List<GrpoStepResult>> grpoSteps = pool.submit(() -> {
                go.await();
                List<GrpoStepResult> out = new ArrayList<>();
                for (int i = 0; i < STEPS; i++) out.add(grpo.step(List.of(good, bad)));
                return out;
            });
            go.countDown();
            // Without turns the second collector opened while the first is open throws IllegalStateException here.
            List<StepResult> s = sftSteps.get(180, TimeUnit.SECONDS);
            List<GrpoStepResult> g = grpoSteps.get(180, TimeUnit.SECONDS);
            assertEquals(STEPS, sft.optimizer().steps());
            assertEquals(STEPS, grpo.optimizer().steps());
            assertTrue(s.get(STEPS - 1).loss() < s.get(0).loss(), "sft loss falls: " + s.get(0).loss() + " -> " + s.get(STEPS - 1).loss());
            g.forEach(r -> assertFalse(r.skipped()));
            assertTrue(g.stream().allMatch(r -> Double.isFinite(r.loss())), "finite grpo losses");
            // Later updates may be clipped to no gradient once the ratio leaves 1 ± epsilon; the first one moves the policy.
            assertTrue(g.get(0).gradNorm() > 0, "first grpo update has a gradient");
            assertTrue(TrainingTurns.taken() - turnsBefore >= 2 * STEPS, "every update took a turn");
        } finally {
            pool.shutdownNow();
        }
    }
}
