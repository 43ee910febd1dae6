package invthink.enrich;

/**
 * Tells a teacher outage from a few unlucky prompts. After {@code threshold} consecutive
 * retryable failures the teacher counts as down: the stage stops consuming and sends one probe
 * at a time, waiting longer after each failed probe; the first success closes the breaker.
 * While open, failures are not charged to the prompts, so an outage never dead-letters a backlog.
 * Used from the stage's loop thread only.
 */
final class OutageBreaker {

    private final int threshold;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private int consecutiveFailures;
    private boolean open;
    private long backoffNanos;
    private long nextProbeAt;
    private boolean probeOut;

    OutageBreaker(int threshold, long initialBackoffNanos, long maxBackoffNanos) {
        this.threshold = threshold;
        this.initialBackoffNanos = initialBackoffNanos;
        this.maxBackoffNanos = maxBackoffNanos;
    }

    boolean isOpen() {
        return open;
    }

    void success() {
        consecutiveFailures = 0;
        open = false;
        probeOut = false;
    }

    /** @return true when this failure opened the breaker */
    boolean failure(long now) {
        consecutiveFailures++;
        probeOut = false;
        if (open) {
            backoffNanos = Math.min(maxBackoffNanos, backoffNanos * 2);
            nextProbeAt = now + backoffNanos;
            return false;
        }
        if (consecutiveFailures >= threshold) {
            open = true;
            backoffNanos = initialBackoffNanos;
            nextProbeAt = now + backoffNanos;
            return true;
        }
        return false;
    }

    /** Whether a call may go out now; while open, claims the single probe when it is due. */
    boolean permitCall(long now) {
        if (!open) {
            return true;
        }
        if (!probeOut && now >= nextProbeAt) {
            probeOut = true;
            return true;
        }
        return false;
    }

    /** When the next probe may go, for scheduling retries while open. */
    long nextProbeAt() {
        return nextProbeAt;
    }
}
