package invthink.dashboard.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** One browser's bounded queue of events waiting to be written to its connection. */
final class SseClient implements Subscriber {

    private static final LiveEvent EVICTED = new LiveEvent(-1, "evicted", "", new byte[0]);

    private final int capacity;
    // One slot more than the capacity, so the eviction marker always fits.
    private final BlockingQueue<LiveEvent> queue;
    private volatile String evictedBecause;

    SseClient(int capacity) {
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
    }

    @Override
    public boolean offer(LiveEvent event) {
        return evictedBecause == null && queue.size() < capacity && queue.offer(event);
    }

    @Override
    public void evict(String reason) {
        evictedBecause = reason;
        // Free the memory now; the writer may be stuck in a write to a client that stopped reading.
        queue.clear();
        queue.offer(EVICTED);
    }

    /** The next event, or null after {@code timeoutMillis} with none or once evicted ({@link #evicted()}). */
    LiveEvent next(long timeoutMillis) throws InterruptedException {
        LiveEvent e = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        return e == EVICTED ? null : e;
    }

    /** The next event if one is waiting now, else null. */
    LiveEvent poll() {
        LiveEvent e = queue.poll();
        return e == EVICTED ? null : e;
    }

    boolean evicted() {
        return evictedBecause != null;
    }

    String evictedBecause() {
        return evictedBecause;
    }
}
