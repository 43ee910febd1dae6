package invthink.openai;

import java.time.Duration;
import java.util.Optional;

/**
 * A chat call that failed for good.
 *
 * @see #retryable() whether the same request may succeed later (timeouts, 429, 5xx) as opposed to
 *     a permanent refusal (other 4xx, malformed responses)
 */
public class ChatException extends RuntimeException {

    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;

    /** @param status HTTP status, or -1 when no response arrived */
    public ChatException(String message, int status, boolean retryable, Throwable cause) {
        this(message, status, retryable, null, cause);
    }

    /** @param retryAfter the wait the server asked for ({@code Retry-After}), or null */
    public ChatException(String message, int status, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The wait the server asked for on its last answer, when it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
