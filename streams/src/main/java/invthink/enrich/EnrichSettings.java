package invthink.enrich;

import java.time.Duration;

/**
 * How the enrichment stage runs.
 *
 * @param groupId          consumer group of the stage; instances with the same id share the prompts
 * @param transactionalId  stable per instance, so a restarted instance fences its crashed predecessor
 *                         and aborts its open transaction at once
 * @param maxInFlight      teacher calls open at the same time, per instance
 * @param commitInterval   how often finished results are written and offsets committed, in one transaction
 * @param maxAttempts      retryable failures of one prompt, while the teacher is otherwise healthy,
 *                         before it is dead-lettered
 * @param retryBackoff     first delay before a prompt is asked again; doubles per attempt
 * @param maxRetryBackoff  cap on that delay
 * @param outageThreshold  consecutive retryable failures after which the teacher counts as down:
 *                         consumption pauses and only one probe call at a time goes out
 * @param outageBackoff    first wait before a probe; doubles per failed probe
 * @param maxOutageBackoff cap on that wait
 * @param shutdownGrace    how long a clean shutdown waits for calls in flight to finish
 */
public record EnrichSettings(String groupId, String transactionalId, int maxInFlight, Duration commitInterval,
                             int maxAttempts, Duration retryBackoff, Duration maxRetryBackoff, int outageThreshold,
                             Duration outageBackoff, Duration maxOutageBackoff, Duration shutdownGrace) {

    public static final String DEFAULT_GROUP = "invthink-enrich";
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    public EnrichSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1");
        }
        if (maxAttempts < 1 || outageThreshold < 1) {
            throw new IllegalArgumentException("max attempts and outage threshold must be at least 1");
        }
    }

    /** Defaults for a group; the transactional id is the group id plus {@code instance}. */
    public static EnrichSettings defaults(String groupId, String instance) {
        return new EnrichSettings(groupId, groupId + "-" + instance, DEFAULT_MAX_IN_FLIGHT, Duration.ofMillis(200), 6,
                Duration.ofSeconds(1), Duration.ofSeconds(60), 5, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(30));
    }

    public EnrichSettings withMaxInFlight(int n) {
        return new EnrichSettings(groupId, transactionalId, n, commitInterval, maxAttempts, retryBackoff, maxRetryBackoff,
                outageThreshold, outageBackoff, maxOutageBackoff, shutdownGrace);
    }

    public EnrichSettings withRetries(int attempts, Duration backoff, Duration maxBackoff) {
        return new EnrichSettings(groupId, transactionalId, maxInFlight, commitInterval, attempts, backoff, maxBackoff,
                outageThreshold, outageBackoff, maxOutageBackoff, shutdownGrace);
    }

    public EnrichSettings withOutage(int threshold, Duration backoff, Duration maxBackoff) {
        return new EnrichSettings(groupId, transactionalId, maxInFlight, commitInterval, maxAttempts, retryBackoff,
                maxRetryBackoff, threshold, backoff, maxBackoff, shutdownGrace);
    }

    public EnrichSettings withShutdownGrace(Duration grace) {
        return new EnrichSettings(groupId, transactionalId, maxInFlight, commitInterval, maxAttempts, retryBackoff,
                maxRetryBackoff, outageThreshold, outageBackoff, maxOutageBackoff, grace);
    }
}
