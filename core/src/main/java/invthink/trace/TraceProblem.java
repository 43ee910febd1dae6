package invthink.trace;

/**
 * One reason a teacher's text is not a usable InvThink trace.
 *
 * @param code    what kind of problem, for metrics and tests
 * @param message a precise, human-readable reason (sent back to the teacher in the repair round)
 */
public record TraceProblem(Code code, String message) {

    /** The kinds of format problem. */
    public enum Code {
        MISSING_INVTHINK,
        UNCLOSED_INVTHINK,
        MISSING_SECTION,
        DUPLICATE_SECTION,
        SECTION_ORDER,
        EMPTY_SECTION,
        MISSING_ANSWER,
        UNCLOSED_ANSWER,
        EMPTY_ANSWER,
        HARM_COUNT
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
