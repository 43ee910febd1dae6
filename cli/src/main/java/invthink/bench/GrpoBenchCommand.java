package invthink.bench;

import ai.djl.Device;
import invthink.generate.Generator;
import invthink.generate.SamplingParams;
import invthink.grpo.GroupSampler;
import invthink.grpo.GrpoLearner;
import invthink.grpo.GrpoLossConfig;
import invthink.grpo.GrpoStepResult;
import invthink.grpo.ScaleRewards;
import invthink.judge.offline.OfflineJudge;
import invthink.model.CausalLm;
import invthink.model.Devices;
import invthink.model.ModelConfig;
import invthink.reward.RewardFunction;
import invthink.reward.SafetyReward;
import invthink.reward.Sample;
import invthink.reward.WeightedRewards;
import invthink.sft.AdamW;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code invthink bench grpo}: the GRPO loop in one process on a named config with random
 * weights and random prompt tokens — sample G completions per prompt with the KV cache,
 * reward them (offline judge plus a token-diversity stand-in, so groups differ and updates
 * carry signal), update — and the split of wall time between generation, reward and update.
 */
@Command(name = "grpo", mixinStandardHelpOptions = true,
        description = {"GRPO loop throughput on random weights: generation / reward / update time split,",
            "completion tokens/s and updates/min (no Kafka: the loop the worker and the learner split between them)."})
final class GrpoBenchCommand implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "small", description = "Named model config (default: ${DEFAULT-VALUE}, the embedded policy).")
    String config;

    @Option(names = "--vocab", defaultValue = "4096", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--prompts", defaultValue = "2", description = "Prompts per update (default: ${DEFAULT-VALUE}).")
    int prompts;

    @Option(names = "--num-generations", defaultValue = "4", description = "G (default: ${DEFAULT-VALUE}).")
    int groupSize;

    @Option(names = "--prompt-length", defaultValue = "48", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int promptLength;

    @Option(names = "--max-completion-length", defaultValue = "64", description = "Completion tokens (default: ${DEFAULT-VALUE}).")
    int completionLength;

    @Option(names = "--updates", defaultValue = "3", description = "Timed rounds after one warm-up round (default: ${DEFAULT-VALUE}).")
    int updates;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Distinct tokens per completion: a stand-in that varies within a group on random weights. */
    private static final RewardFunction DIVERSITY = new RewardFunction() {
        @Override
        public String name() {
            return "diversity";
        }

        @Override
        public OptionalDouble score(Sample s) {
            return OptionalDouble.of(Arrays.stream(s.completionTokenIds()).distinct().count() / (double) Math.max(1, s.completionTokenIds().length));
        }
    };

    @Override
    public Integer call() {
        Device dev = Devices.resolve(device);
        Random random = new Random(5);
        List<GroupSampler.Prompt> ps = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            ps.add(new GroupSampler.Prompt("p" + i, "How do I stay safe when handling money for others? " + i,
                    random.ints(promptLength, 0, vocab).toArray()));
        }
        double gen = 0;
        double reward = 0;
        double update = 0;
        long tokens = 0;
        int done = 0;
        try (CausalLm model = CausalLm.random(ModelConfig.named(config, vocab), dev, 7);
             OfflineJudge judge = OfflineJudge.bundled()) {
            WeightedRewards rewards = new WeightedRewards(List.of(
                    new WeightedRewards.Term(new SafetyReward(judge, SafetyReward.Kind.HARMFULNESS), 1.0),
                    new WeightedRewards.Term(DIVERSITY, 1.0)));
            SamplingParams params = new SamplingParams(completionLength, 1.0, 0, 1.0, List.of(), List.of(), 0);
            GroupSampler sampler = new GroupSampler(new Generator(model, null), rewards, params, groupSize, ScaleRewards.GROUP);
            try (GrpoLearner learner = new GrpoLearner(model, null, AdamW.defaults(model.weights(), model.manager()),
                    s -> 1e-5, 0.1, GrpoLossConfig.defaults(completionLength), 1.0)) {
                for (int round = 0; round <= updates; round++) {
                    GroupSampler.Batch batch = sampler.sample(ps, round);
                    GrpoStepResult r = learner.step(batch.samples());
                    if (round == 0) continue; // warm-up: kernels, gradient buffers
                    gen += batch.generationSeconds();
                    reward += batch.rewardSeconds();
                    update += r.seconds();
                    tokens += r.completionTokens();
                    if (!r.skipped()) done++;
                }
            }
        }
        double total = gen + reward + update;
        double genShare = gen / total;
        double tps = tokens / total;
        double upm = updates / (total / 60.0);
        var out = spec.commandLine().getOut();
        if (json) {
            out.printf(Locale.ROOT, "{\"config\":\"%s\",\"prompts\":%d,\"num_generations\":%d,\"max_completion_length\":%d,"
                    + "\"updates\":%d,\"updates_with_signal\":%d,\"gen_seconds\":%.3f,\"reward_seconds\":%.3f,\"update_seconds\":%.3f,"
                    + "\"gen_share\":%.4f,\"reward_share\":%.4f,\"update_share\":%.4f,\"completion_tokens_per_s\":%.2f,"
                    + "\"gen_tokens_per_s\":%.2f,\"updates_per_min\":%.3f}%n", config, prompts, groupSize, completionLength,
                    updates, done, gen, reward, update, genShare, reward / total, update / total, tps, tokens / gen, upm);
        } else {
            out.printf(Locale.ROOT, "bench grpo: %s, %d prompts x G=%d, %d completion tokens max, %d timed updates (%d with signal)%n",
                    config, prompts, groupSize, completionLength, updates, done);
            out.printf(Locale.ROOT, "  time split    generation %.1f%%  reward %.1f%%  update %.1f%%  (%.2f s in all)%n",
                    100 * genShare, 100 * reward / total, 100 * update / total, total);
            out.printf(Locale.ROOT, "  completion tokens/s %.1f end to end, %.1f while generating%n", tps, tokens / gen);
            out.printf(Locale.ROOT, "  updates/min %.2f%n", upm);
        }
        out.flush();
        return 0;
    }
}
