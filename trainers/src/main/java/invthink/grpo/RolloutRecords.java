package invthink.grpo;

import invthink.avro.Completion;
import invthink.avro.RolloutGroup;
import invthink.reward.WeightedRewards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between sampled groups and their Avro records on the rollouts topic. */
public final class RolloutRecords {

    private RolloutRecords() {}

    public static RolloutGroup toAvro(GroupSampler.Group g, String policyVersion, boolean traceConditioned,
                                      float temperature, long sequence) {
        List<Completion> cs = new ArrayList<>();
        for (int i = 0; i < g.completions().size(); i++) {
            invthink.generate.Completion c = g.completions().get(i);
            WeightedRewards.Scored s = g.scores().get(i);
            List<Integer> ids = new ArrayList<>();
            for (int t : c.tokenIds()) ids.add(t);
            List<Float> lps = new ArrayList<>();
            for (float f : c.logProbs()) lps.add(f);
            Map<String, Double> values = new LinkedHashMap<>(s.values());
            cs.add(Completion.newBuilder().setText(c.text()).setTokenIds(ids).setOldLogProbs(lps).setRewards(values)
                    .setTotalReward(s.total()).setAdvantage(g.advantages()[i])
                    .setTruncated(invthink.generate.Completion.LENGTH.equals(c.finishReason())).build());
        }
        List<Integer> promptIds = new ArrayList<>();
        for (int t : g.prompt().ids()) promptIds.add(t);
        return RolloutGroup.newBuilder().setGroupId(g.prompt().id() + "@" + policyVersion + "#" + sequence)
                .setPromptId(g.prompt().id()).setPromptText(g.prompt().text()).setPromptTokenIds(promptIds)
                .setTraceConditioned(traceConditioned).setCompletions(cs).setPolicyVersion(policyVersion)
                .setTemperature(temperature).setCreatedAt(Instant.now()).build();
    }

    /** The learner's view of a group's completions. */
    public static List<RolloutSample> samples(RolloutGroup g) {
        int[] prompt = g.getPromptTokenIds().stream().mapToInt(Integer::intValue).toArray();
        List<RolloutSample> out = new ArrayList<>();
        for (Completion c : g.getCompletions()) {
            int[] ids = c.getTokenIds().stream().mapToInt(Integer::intValue).toArray();
            float[] lp = new float[c.getOldLogProbs().size()];
            for (int i = 0; i < lp.length; i++) lp[i] = c.getOldLogProbs().get(i);
            out.add(new RolloutSample(prompt, ids, lp, c.getAdvantage()));
        }
        return out;
    }
}
