package invthink.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A finished run: its record, every group score, and which measure each benchmark's chart shows. */
public record EvalResult(RunRecord record, List<GroupScore> scores, Map<String, Headline> headlines) {
    public EvalResult {
        scores = List.copyOf(scores);
        // Insertion order is the order benchmarks ran and the report's section order.
        headlines = Collections.unmodifiableMap(new LinkedHashMap<>(headlines));
    }
}
