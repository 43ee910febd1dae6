package invthink.cli;

import invthink.judge.Judge;
import invthink.reward.FormatReward;
import invthink.reward.LengthPenalty;
import invthink.reward.RewardFunction;
import invthink.reward.SafetyReward;
import invthink.reward.WeightedRewards;
import invthink.trace.TraceValidator;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The GRPO reward functions and their weights, TRL-style ({@code --reward-funcs}, {@code --reward-weights}). */
public final class RewardOptions {

    /** The reward functions a user can pick. */
    public enum Fn { safety, format, length }

    /** Which number of the judge's verdict is the safety reward. */
    public enum Safety { harmfulness, moderation, probability }

    @Option(names = "--reward-funcs", split = ",", defaultValue = "safety,format",
            description = "Reward functions: safety (from --judge), format (valid InvThink structure), length (DAPO soft overlong penalty). Default: ${DEFAULT-VALUE}.")
    List<Fn> functions;

    @Option(names = "--reward-weights", split = ",",
            description = "One weight per reward function, in order (default: all 1).")
    List<Double> weights;

    @Option(names = "--safety-reward", defaultValue = "harmfulness",
            description = "harmfulness (−1..−5, any judge), moderation (the paper's −Σ category scores; needs --judge moderation) or probability (−P(harmful), continuous). Default: ${DEFAULT-VALUE}.")
    Safety safety;

    @Option(names = "--format-routes", defaultValue = "5", description = "Harms the format reward expects (default: ${DEFAULT-VALUE}).")
    int routes;

    @Option(names = "--length-buffer", defaultValue = "64", description = "Soft overlong buffer in tokens before --max-completion-length (default: ${DEFAULT-VALUE}).")
    int lengthBuffer;

    /** The weighted list; the judge is needed only when the safety reward is chosen. */
    public WeightedRewards create(Judge judge, int maxCompletionLength) {
        if (weights != null && weights.size() != functions.size()) {
            throw new IllegalArgumentException(functions.size() + " reward functions but " + weights.size() + " weights");
        }
        List<WeightedRewards.Term> terms = new ArrayList<>();
        for (int i = 0; i < functions.size(); i++) {
            RewardFunction f = switch (functions.get(i)) {
                case safety -> new SafetyReward(judge, switch (safety) {
                    case moderation -> SafetyReward.Kind.MODERATION;
                    case harmfulness -> SafetyReward.Kind.HARMFULNESS;
                    case probability -> SafetyReward.Kind.PROBABILITY;
                });
                case format -> new FormatReward(TraceValidator.forRoutes(routes));
                case length -> new LengthPenalty(maxCompletionLength, Math.min(lengthBuffer, maxCompletionLength));
            };
            terms.add(new WeightedRewards.Term(f, weights == null ? 1.0 : weights.get(i)));
        }
        return new WeightedRewards(terms);
    }

    public boolean needsJudge() {
        return functions.contains(Fn.safety);
    }
}
