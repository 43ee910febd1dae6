package invthink.eval;

import java.util.List;
import java.util.Map;

/** A finished run: its record, every group score, and which measure each benchmark's chart shows. */
public record EvalResult(RunRecord record, List<GroupScore> scores, Map<String, Headline> headlines) {
    public EvalResult {
        scores = List.copyOf(scores);
        headlines = Map.copyOf(headlines);
    }
}
