package invthink.ingest.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids published most recently, bounded: a repeat within the window is a duplicate and is not
 * sent again. Older repeats still collapse downstream, since the id is the record key.
 */
public final class RecentIds {

    private final Map<String, Boolean> ids;

    public RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when {@code id} was not in the window (and is now). */
    public synchronized boolean firstSeen(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }

    public synchronized void clear() {
        ids.clear();
    }
}
