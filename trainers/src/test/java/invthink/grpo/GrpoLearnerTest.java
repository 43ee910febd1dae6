package invthink.grpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import invthink.generate.Generator;
import invthink.generate.SamplingParams;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.reward.RewardFunction;
import invthink.reward.Sample;
import invthink.reward.WeightedRewards;
import invthink.sft.AdamW;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GrpoLearnerTest {

    /** The "safe answer" as token ids; the reward is the fraction of positions that match it. */
    private static final int[] SAFE = {5, 9, 11, 7};

    private static final RewardFunction PATTERN = new RewardFunction() {
        @Override
        public String name() {
            return "pattern";
        }

        @Override
        public OptionalDouble score(Sample s) {
            int hits = 0;
            for (int i = 0; i < Math.min(SAFE.length, s.completionTokenIds().length); i++) {
                if (s.completionTokenIds()[i] == SAFE[i]) hits++;
            }
            return OptionalDouble.of((double) hits / SAFE.length);
        }
    };

    private static final List<GroupSampler.Prompt> PROMPTS = List.of(
            new GroupSampler.Prompt("a", "", new int[] {1, 2, 3}),
            new GroupSampler.Prompt("b", "", new int[] {4, 2, 6, 8}));

    private static GroupSampler sampler(CausalLm model) {
        SamplingParams params = new SamplingParams(SAFE.length, 1.0, 0, 1.0, List.of(), List.of(), 0);
        return new GroupSampler(new Generator(model, null), new WeightedRewards(List.of(new WeightedRewards.Term(PATTERN, 1.0))),
                params, 8, ScaleRewards.GROUP);
    }

    private static double meanReward(GroupSampler sampler, long seed) {
        double sum = 0;
        for (int i = 0; i < 2; i++) sum += sampler.sample(PROMPTS, seed + i).meanReward();
        return sum / 2;
    }

    @Test
    void meanRewardRisesWhenTheRewardPrefersTheSafePattern() {
        try (CausalLm model = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 16), Device.cpu(), 3)) {
            GroupSampler sampler = sampler(model);
            double before = meanReward(sampler, 1000);
            GrpoLossConfig loss = GrpoLossConfig.defaults(SAFE.length);
            try (GrpoLearner learner = new GrpoLearner(model, null, AdamW.defaults(model.weights(), model.manager()),
                    step -> 1e-2, 1.0, loss, 1.0)) {
                int updates = 0;
                for (int round = 0; round < 20; round++) {
                    GroupSampler.Batch batch = sampler.sample(PROMPTS, round);
                    GrpoStepResult r = learner.step(batch.samples());
                    if (!r.skipped()) {
                        updates++;
                        assertTrue(Double.isFinite(r.loss()) && Double.isFinite(r.gradNorm()) && r.entropy() > 0);
                    }
                }
                assertTrue(updates > 8, "updates with signal: " + updates);
            }
            double after = meanReward(sampler, 2000);
            System.out.println("grpo learning test: mean reward " + before + " -> " + after);
            assertTrue(after > before + 0.3, "mean reward " + before + " -> " + after);
        }
    }

    @Test
    void updatesWithoutSignalAreSkippedAndLeaveTheWeightsAlone() {
        try (CausalLm model = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 16), Device.cpu(), 4);
             GrpoLearner learner = new GrpoLearner(model, null, AdamW.defaults(model.weights(), model.manager()),
                     step -> 1e-2, 1.0, GrpoLossConfig.defaults(4), 1.0)) {
            float[] before = model.weights().get("model.norm.weight").toFloatArray();
            RolloutSample s = new RolloutSample(new int[] {1, 2}, new int[] {3, 4}, new float[] {-2f, -2f}, 0.0);
            GrpoStepResult r = learner.step(List.of(s, s));
            assertTrue(r.skipped());
            assertEquals(0, learner.optimizer().steps());
            assertArrayEquals(before, model.weights().get("model.norm.weight").toFloatArray());
            GrpoStepResult moved = learner.step(List.of(s, new RolloutSample(new int[] {1, 2}, new int[] {5}, new float[] {-2f}, 1.0)));
            assertFalse(moved.skipped());
            assertEquals(1, learner.optimizer().steps());
            assertEquals(3, moved.completionTokens());
        }
    }

    @Test
    void klNeedsAReferenceExactlyWhenBetaIsPositive() {
        try (CausalLm model = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 16), Device.cpu(), 5);
             CausalLm ref = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 16), Device.cpu(), 5)) {
            GrpoLossConfig withKl = new GrpoLossConfig(0.2, 0.28, 0.05, LossType.GRPO, 4);
            assertThrows(IllegalArgumentException.class, () -> new GrpoLearner(model, null,
                    AdamW.defaults(model.weights(), model.manager()), s -> 1e-3, 1.0, withKl, 1.0));
            try (GrpoLearner learner = new GrpoLearner(model, ref, AdamW.defaults(model.weights(), model.manager()),
                    s -> 1e-2, 1.0, withKl, 1.0)) {
                RolloutSample a = new RolloutSample(new int[] {1, 2}, new int[] {3, 4}, new float[] {-2f, -2f}, 1.0);
                RolloutSample b = new RolloutSample(new int[] {1, 2}, new int[] {5, 6}, new float[] {-2f, -2f}, -1.0);
                GrpoStepResult first = learner.step(List.of(a, b));
                // Same seed: policy and reference start identical, so the first KL is 0; after an update it is not.
                assertEquals(0.0, first.kl(), 1e-6);
                GrpoStepResult second = learner.step(List.of(a, b));
                assertTrue(second.kl() > 0, "kl after an update: " + second.kl());
            }
        }
    }
}
