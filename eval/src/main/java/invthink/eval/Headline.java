package invthink.eval;

import java.util.function.Function;

/** The measure a benchmark's chart plots, with its axis label and scale. */
public enum Headline {
    ACCURACY("accuracy (%)", s -> s.accuracy() == null ? 0 : s.accuracy() * 100),
    SAFETY_SCORE("safety score (5-H)/4x100", s -> s.safetyScore() == null ? 0 : s.safetyScore()),
    HARMFUL_RATE("harmful rate (%)", s -> s.harmfulRate() * 100),
    REFUSAL_RATE("refusal rate (%)", s -> s.refusalRate() * 100);

    private final String label;
    private final Function<GroupScore, Double> value;

    Headline(String label, Function<GroupScore, Double> value) {
        this.label = label;
        this.value = value;
    }

    public String label() {
        return label;
    }

    /** On a 0..100 scale. */
    public double of(GroupScore score) {
        return value.apply(score);
    }
}
