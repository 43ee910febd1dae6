package invthink.grpo;

import invthink.generate.Completion;
import invthink.generate.Generator;
import invthink.generate.SamplingParams;
import invthink.reward.Sample;
import invthink.reward.WeightedRewards;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout half of GRPO: G completions of each prompt from the current policy (one
 * generator batch with the KV cache), every completion rewarded, advantages relative to its
 * group. Generation and reward time are measured apart for the metrics and the benchmark.
 */
public final class GroupSampler {

    private final Generator generator;
    private final WeightedRewards rewards;
    private final SamplingParams params;
    private final int groupSize;
    private final ScaleRewards scale;

    public GroupSampler(Generator generator, WeightedRewards rewards, SamplingParams params, int groupSize, ScaleRewards scale) {
        if (groupSize < 2) throw new IllegalArgumentException("a group needs at least 2 completions, got " + groupSize);
        if (params.isGreedy()) throw new IllegalArgumentException("GRPO needs sampling: temperature must be > 0");
        this.generator = generator;
        this.rewards = rewards;
        this.params = params;
        this.groupSize = groupSize;
        this.scale = scale;
    }

    /** A prompt as text (what reward functions read) and as the token ids the policy sees. */
    public record Prompt(String id, String text, int[] ids) {}

    /** One prompt's group: completions, their scores and advantages. */
    public record Group(Prompt prompt, List<Completion> completions, List<WeightedRewards.Scored> scores, double[] advantages) {

        public double[] totals() {
            return scores.stream().mapToDouble(WeightedRewards.Scored::total).toArray();
        }
    }

    /** The groups of one call, with generation and reward wall time. */
    public record Batch(List<Group> groups, double generationSeconds, double rewardSeconds) {

        /** Every completion as the learner needs it. */
        public List<RolloutSample> samples() {
            List<RolloutSample> out = new ArrayList<>();
            for (Group g : groups) {
                for (int i = 0; i < g.completions().size(); i++) {
                    Completion c = g.completions().get(i);
                    out.add(new RolloutSample(g.prompt().ids(), c.tokenIds(), c.logProbs(), g.advantages()[i]));
                }
            }
            return out;
        }

        public double meanReward() {
            return groups.stream().flatMap(g -> g.scores().stream()).mapToDouble(WeightedRewards.Scored::total).average().orElse(0);
        }
    }

    /** Samples a group for each prompt; {@code seed} makes the draw reproducible. */
    public Batch sample(List<Prompt> prompts, long seed) {
        List<int[]> inputs = new ArrayList<>();
        for (Prompt p : prompts) for (int i = 0; i < groupSize; i++) inputs.add(p.ids());
        SamplingParams seeded = new SamplingParams(params.maxNewTokens(), params.temperature(), params.topK(), params.topP(),
                params.stopTokenIds(), params.stopStrings(), seed);
        long t0 = System.nanoTime();
        List<Completion> completions = generator.generate(inputs, seeded, true);
        long t1 = System.nanoTime();
        List<WeightedRewards.Scored> scored = new ArrayList<>(completions.size());
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            scored.add(rewards.score(new Sample(prompts.get(i / groupSize).text(), c.text(), c.tokenIds(),
                    Completion.LENGTH.equals(c.finishReason()))));
        }
        long t2 = System.nanoTime();
        double[] totals = scored.stream().mapToDouble(WeightedRewards.Scored::total).toArray();
        double[] adv = Advantages.compute(totals, groupSize, scale);
        List<Group> groups = new ArrayList<>(prompts.size());
        for (int g = 0; g < prompts.size(); g++) {
            int from = g * groupSize;
            groups.add(new Group(prompts.get(g), List.copyOf(completions.subList(from, from + groupSize)),
                    List.copyOf(scored.subList(from, from + groupSize)), java.util.Arrays.copyOfRange(adv, from, from + groupSize)));
        }
        return new Batch(groups, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    public int groupSize() {
        return groupSize;
    }
}
