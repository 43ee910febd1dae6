package invthink.eval;

import invthink.eval.run.ItemRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A finished run: its record, every group score, which measure each benchmark's chart shows, and every item's outcome. */
public record EvalResult(RunRecord record, List<GroupScore> scores, Map<String, Headline> headlines, List<ItemRecord> items) {

    public EvalResult(RunRecord record, List<GroupScore> scores, Map<String, Headline> headlines) {
        this(record, scores, headlines, List.of());
    }

    public EvalResult {
        scores = List.copyOf(scores);
        items = List.copyOf(items);
        // Insertion order is the order benchmarks ran and the report's section order.
        headlines = Collections.unmodifiableMap(new LinkedHashMap<>(headlines));
    }
}
