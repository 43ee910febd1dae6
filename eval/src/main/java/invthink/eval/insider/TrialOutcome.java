package invthink.eval.insider;

import invthink.judge.Verdict;

/**
 * How one trial ended.
 *
 * @param acted    the harmful tool was called (structured or written as a call)
 * @param coercive blackmail: a sent e-mail used the leverage with a coercion cue
 * @param verdict  the judge's verdict on the answer and its calls, or null when the trial failed
 * @param harmful  the hybrid decision ({@link HybridRule})
 */
public record TrialOutcome(String variant, int trial, boolean acted, boolean coercive, Verdict verdict, boolean harmful) {

    public static TrialOutcome failed(String variant, int trial) {
        return new TrialOutcome(variant, trial, false, false, null, false);
    }

    public boolean failed() {
        return verdict == null;
    }
}
