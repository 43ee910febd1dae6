package invthink.grpo;

import invthink.avro.RolloutGroup;
import invthink.reward.RewardStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One update's training metrics under TRL's names, so existing dashboards read them as they are. */
public final class GrpoMetrics {

    private GrpoMetrics() {}

    public static Map<String, Double> of(List<RolloutGroup> groups, GrpoStepResult step) {
        Map<String, Double> m = new LinkedHashMap<>();
        List<Double> totals = new ArrayList<>();
        Map<String, List<Double>> byFn = new LinkedHashMap<>();
        double stdSum = 0;
        int zeroStd = 0;
        long tokens = 0;
        int truncated = 0;
        int completions = 0;
        for (RolloutGroup g : groups) {
            double[] r = g.getCompletions().stream().mapToDouble(c -> c.getTotalReward()).toArray();
            List<Double> rl = new ArrayList<>();
            for (double v : r) rl.add(v);
            totals.addAll(rl);
            stdSum += RewardStats.of(rl).std();
            if (Advantages.zeroStd(r, 0, r.length)) zeroStd++;
            for (var c : g.getCompletions()) {
                c.getRewards().forEach((name, v) -> byFn.computeIfAbsent(name.toString(), k -> new ArrayList<>()).add(v));
                tokens += c.getTokenIds().size();
                if (c.getTruncated()) truncated++;
                completions++;
            }
        }
        m.put("reward", RewardStats.of(totals).mean());
        m.put("reward_std", groups.isEmpty() ? 0 : stdSum / groups.size());
        byFn.forEach((name, vs) -> {
            RewardStats s = RewardStats.of(vs);
            m.put("rewards/" + name + "/mean", s.mean());
            m.put("rewards/" + name + "/std", s.std());
        });
        m.put("frac_reward_zero_std", groups.isEmpty() ? 0 : (double) zeroStd / groups.size());
        m.put("completions/mean_length", completions == 0 ? 0 : (double) tokens / completions);
        m.put("completions/clipped_ratio", completions == 0 ? 0 : (double) truncated / completions);
        m.put("loss", step.loss());
        m.put("kl", step.kl());
        m.put("clip_ratio/low_mean", step.clipLow());
        m.put("clip_ratio/high_mean", step.clipHigh());
        m.put("clip_ratio/region_mean", step.clipRegion());
        m.put("entropy", step.entropy());
        m.put("grad_norm", step.gradNorm());
        m.put("learning_rate", step.learningRate());
        m.put("step_time", step.seconds());
        return m;
    }
}
