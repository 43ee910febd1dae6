package invthink.teacher;

/**
 * A teacher could not produce a usable trace.
 *
 * <p>Retryable failures (timeouts, 429, 5xx, unreachable endpoint) may succeed later; the rest
 * are permanent for this prompt and carry what the teacher wrote, for the dead letter.
 */
public class TeacherException extends RuntimeException {

    /** Why the teacher failed, as recorded in metrics and dead letters. */
    public enum Kind {
        /** The endpoint did not answer usefully this time: timeout, 429, 5xx, connection refused. */
        UNAVAILABLE(true),
        /** The endpoint refused the request (4xx other than 408/429) or answered malformed JSON. */
        REFUSED(false),
        /** The teacher answered, twice, but not in the InvThink format. */
        INVALID_TRACE(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String teacherText;
    private final int status;
    private final long retryAfterMs;

    public TeacherException(Kind kind, String message, String teacherText, int status, long retryAfterMs, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.teacherText = teacherText;
        this.status = status;
        this.retryAfterMs = retryAfterMs;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable;
    }

    /** What the teacher wrote last, or null when it wrote nothing. */
    public String teacherText() {
        return teacherText;
    }

    /** HTTP status of the failing exchange, or -1. */
    public int status() {
        return status;
    }

    /** The wait the endpoint asked for, or -1. */
    public long retryAfterMs() {
        return retryAfterMs;
    }
}
