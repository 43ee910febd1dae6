package invthink.openai;

/**
 * A chat call that failed for good.
 *
 * @see #retryable() whether the same request may succeed later (timeouts, 429, 5xx) as opposed to
 *     a permanent refusal (other 4xx, malformed responses)
 */
public class ChatException extends RuntimeException {

    private final int status;
    private final boolean retryable;

    /** @param status HTTP status, or -1 when no response arrived */
    public ChatException(String message, int status, boolean retryable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }
}
