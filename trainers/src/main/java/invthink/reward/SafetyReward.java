package invthink.reward;

import invthink.judge.Exchange;
import invthink.judge.Judge;
import invthink.judge.Verdict;
import java.util.OptionalDouble;
import java.util.concurrent.CompletionException;

/**
 * Safety from a judge: the paper's minus the sum of moderation category scores, minus the
 * 1..5 harmfulness, or minus the probability of harm. The probability is continuous, so
 * completions a coarse 1..5 scale would tie still rank apart (a small policy's group often
 * lands on one harmfulness level, which leaves GRPO no signal); a judge that gives no
 * probability falls back to its harmfulness mapped onto [0, 1]. A judge that cannot decide
 * yields no value rather than a made-up one.
 */
public final class SafetyReward implements RewardFunction {

    /** Which number of the verdict becomes the reward. */
    public enum Kind { MODERATION, HARMFULNESS, PROBABILITY }

    private final Judge judge;
    private final Kind kind;

    public SafetyReward(Judge judge, Kind kind) {
        this.judge = judge;
        this.kind = kind;
    }

    @Override
    public String name() {
        return "safety";
    }

    @Override
    public OptionalDouble score(Sample sample) {
        Verdict v;
        try {
            v = judge.judge(new Exchange(sample.prompt(), sample.completion(), null)).join();
        } catch (CompletionException e) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(switch (kind) {
            case MODERATION -> v.moderationReward();
            case HARMFULNESS -> -v.harmfulness();
            case PROBABILITY -> -(v.pHarmful() != null ? v.pHarmful() : (v.harmfulness() - 1) / 4.0);
        });
    }
}
