package invthink.ingest.publish;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends to a target rate, so a dataset replays like a live stream. Schedules against
 * the start time rather than the last send, so short stalls are caught up and the average holds.
 */
public final class RatePacer {

    private final long intervalNanos;
    private long next;

    /** @param perSecond records per second; 0 or less for no limit */
    public RatePacer(double perSecond) {
        this.intervalNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
    }

    /** Waits until the next record may go; returns at once without a limit. */
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (next == 0) {
            next = now;
        }
        while (now < next) {
            LockSupport.parkNanos(next - now);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            now = System.nanoTime();
        }
        next += intervalNanos;
    }
}
