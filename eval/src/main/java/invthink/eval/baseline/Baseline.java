package invthink.eval.baseline;

import java.util.Arrays;
import java.util.Locale;

/** The prompting baselines of the paper, by the names the command line uses. */
public enum Baseline {
    ZERO_SHOT("zero-shot"),
    COT("cot"),
    SAFETY_PROMPT("safety-prompt"),
    INVTHINK("invthink");

    private final String label;

    Baseline(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Baseline parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(b -> b.label.equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown baseline '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(Baseline::label).toList()));
    }

    @Override
    public String toString() {
        return label;
    }
}
