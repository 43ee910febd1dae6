package invthink.eval;

import invthink.eval.baseline.Baseline;
import invthink.eval.run.EvalContext;
import java.util.List;

/** One benchmark: its items, how a baseline asks them, and how answers are scored into groups. */
public interface Benchmark {

    /** {@code safetybench}, {@code trident}, {@code insider}, {@code overrefusal}. */
    String name();

    /** Where the items came from: file paths, or {@code bundled} for the project's own set. */
    String source();

    /** The measure its chart shows. */
    Headline headline();

    /** Runs the (sampled) items under {@code baseline}; one score per group plus {@link GroupScore#OVERALL}. */
    List<GroupScore> run(EvalContext context, Baseline baseline) throws InterruptedException;
}
