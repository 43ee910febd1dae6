package invthink.judge;

/**
 * A judge could not reach a verdict: the endpoint failed for good, or answered something that is
 * not a verdict. {@link #retryable()} tells a stage whether to try the exchange again later or to
 * dead-letter it.
 */
public class JudgeException extends RuntimeException {

    private final boolean retryable;

    public JudgeException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public JudgeException(String message) {
        this(message, false, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
