package invthink.eval.run;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Collects item records from concurrent completions. */
public final class ItemLog {

    private final ConcurrentLinkedQueue<ItemRecord> records = new ConcurrentLinkedQueue<>();

    public void add(ItemRecord record) {
        records.add(record);
    }

    public int size() {
        return records.size();
    }

    /** All records in completion order (benchmarks and baselines run one after another, so they stay grouped). */
    public List<ItemRecord> all() {
        return List.copyOf(records);
    }

}
