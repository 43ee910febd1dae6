package invthink.trace;

import invthink.trace.TraceProblem.Code;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a text and checks it against what was asked of the teacher: K harms ("reasoning
 * routes"), give or take a tolerance, since a teacher that merges or splits one harm still wrote
 * a useful trace while one that lists a single harm for K = 5 did not follow the instruction.
 *
 * @param routes    harms asked for (K)
 * @param tolerance how far the harm count may stray from K
 */
public record TraceValidator(int routes, int tolerance) {

    public static final int DEFAULT_ROUTES = 5;

    public TraceValidator {
        if (routes < 1) {
            throw new IllegalArgumentException("routes must be at least 1, got " + routes);
        }
        if (tolerance < 0) {
            throw new IllegalArgumentException("tolerance must not be negative, got " + tolerance);
        }
    }

    /** K routes with the default tolerance, {@code max(1, K / 2)}: 3..7 harms for K = 5. */
    public static TraceValidator forRoutes(int routes) {
        return new TraceValidator(routes, Math.max(1, routes / 2));
    }

    /** Parses {@code text} and applies the checks; all problems are reported together. */
    public ParseResult validate(String text) {
        ParseResult parsed = TraceParser.parse(text);
        if (!parsed.ok()) {
            return parsed;
        }
        List<TraceProblem> problems = check(parsed.trace().get());
        return problems.isEmpty() ? parsed : ParseResult.failed(problems);
    }

    /** The problems of an already parsed trace; empty when it is acceptable. */
    public List<TraceProblem> check(ParsedTrace trace) {
        List<TraceProblem> problems = new ArrayList<>();
        int harms = trace.harmCount();
        if (Math.abs(harms - routes) > tolerance) {
            problems.add(new TraceProblem(Code.HARM_COUNT, String.format(
                    "expected %d harms (between %d and %d), found %d", routes,
                    Math.max(1, routes - tolerance), routes + tolerance, harms)));
        }
        return problems;
    }
}
