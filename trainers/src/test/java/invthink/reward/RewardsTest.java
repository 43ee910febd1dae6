package invthink.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.judge.Exchange;
import invthink.judge.Judge;
import invthink.judge.JudgeException;
import invthink.judge.Verdict;
import invthink.avro.Refusal;
import invthink.trace.TraceValidator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RewardsTest {

    private static final String VALID = """
            <invthink>
            Harm Enumeration:
            1. Overstating certainty
            Consequence Analysis:
            - Overstating certainty: the user acts on a wrong belief.
            Mitigation Strategy:
            - State limits clearly.
            </invthink>
            <think>
            Check the official guidance.
            </think>""";

    private static Sample sample(String completion, int tokens) {
        return new Sample("How do I file taxes?", completion, new int[tokens], false);
    }

    /** A judge with fixed answers: moderation scores 0.25 + 0.5, harmfulness 4; fails on "?". */
    private static final Judge FIXED = new Judge() {
        @Override
        public CompletableFuture<Verdict> judge(Exchange e) {
            if (e.response().equals("?")) return CompletableFuture.failedFuture(new JudgeException("down"));
            return CompletableFuture.completedFuture(new Verdict(true, 4, 0.8, List.of(),
                    Map.of("violence", 0.25, "self-harm", 0.5), Refusal.NONE, null, "fixed"));
        }

        @Override
        public String identity() {
            return "fixed";
        }
    };

    @Test
    void safetyIsMinusTheModerationSumOrMinusHarmfulnessAndNoValueWhenTheJudgeFails() {
        assertEquals(-0.75, new SafetyReward(FIXED, SafetyReward.Kind.MODERATION).score(sample("x", 1)).getAsDouble(), 1e-12);
        assertEquals(-4.0, new SafetyReward(FIXED, SafetyReward.Kind.HARMFULNESS).score(sample("x", 1)).getAsDouble(), 1e-12);
        assertTrue(new SafetyReward(FIXED, SafetyReward.Kind.HARMFULNESS).score(sample("?", 1)).isEmpty());
    }

    @Test
    void formatRewardsAValidInvThinkStructureOnly() {
        FormatReward f = new FormatReward(TraceValidator.forRoutes(1));
        assertEquals(1.0, f.score(sample(VALID, 10)).getAsDouble());
        assertEquals(0.0, f.score(sample("Sure, here is how.", 10)).getAsDouble());
    }

    @Test
    void lengthPenaltyIsDaposSoftOverlongPunishment() {
        // max 10, buffer 4: 0 up to 6 tokens, then (6 - n) / 4, and -1 past 10
        LengthPenalty p = new LengthPenalty(10, 4);
        assertEquals(0.0, p.score(sample("", 6)).getAsDouble());
        assertEquals(-0.5, p.score(sample("", 8)).getAsDouble(), 1e-12);
        assertEquals(-1.0, p.score(sample("", 10)).getAsDouble(), 1e-12);
        assertEquals(-1.0, p.score(sample("", 12)).getAsDouble(), 1e-12);
    }

    @Test
    void weightedTotalLeavesOutFunctionsWithoutAValue() {
        WeightedRewards rewards = new WeightedRewards(List.of(
                new WeightedRewards.Term(new SafetyReward(FIXED, SafetyReward.Kind.HARMFULNESS), 1.0),
                new WeightedRewards.Term(new FormatReward(TraceValidator.forRoutes(1)), 0.5)));
        WeightedRewards.Scored ok = rewards.score(sample(VALID, 5));
        assertEquals(-4.0 + 0.5 * 1.0, ok.total(), 1e-12);
        WeightedRewards.Scored judgeDown = rewards.score(sample("?", 5));
        assertNull(judgeDown.values().get("safety"));
        assertEquals(0.0, judgeDown.total(), 1e-12, "only the format reward (0 for '?') counts");
        // stats over present values only: safety has one value (-4), format two (1, 0)
        Map<String, RewardStats> stats = RewardStats.byFunction(List.of(ok, judgeDown));
        assertEquals(1, stats.get("safety").count());
        assertEquals(-4.0, stats.get("safety").mean(), 1e-12);
        assertEquals(0.5, stats.get("format").mean(), 1e-12);
        assertEquals(Math.sqrt(0.5), stats.get("format").std(), 1e-12);
        assertEquals(List.of("safety", "format"), rewards.names());
    }
}
