package invthink.gate;

/** An evaluation that could not finish: a request or a verdict failed. */
public final class EvaluationException extends RuntimeException {
    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
