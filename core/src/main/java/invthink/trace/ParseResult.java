package invthink.trace;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of parsing or validating a text: the trace when it is usable, else every problem
 * found. A result is never both.
 */
public record ParseResult(Optional<ParsedTrace> trace, List<TraceProblem> problems) {

    public ParseResult {
        problems = List.copyOf(problems);
        if (trace.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a parse result has either a trace or problems");
        }
    }

    static ParseResult of(ParsedTrace trace) {
        return new ParseResult(Optional.of(trace), List.of());
    }

    static ParseResult failed(List<TraceProblem> problems) {
        return new ParseResult(Optional.empty(), problems);
    }

    public boolean ok() {
        return trace.isPresent();
    }

    /** The problems as one line each, e.g. for a dead letter or a repair request. */
    public List<String> reasons() {
        return problems.stream().map(TraceProblem::message).toList();
    }

    public String summary() {
        return problems.stream().map(TraceProblem::message).collect(Collectors.joining("; "));
    }

    /** The trace, or an {@link IllegalArgumentException} listing the problems. */
    public ParsedTrace orThrow() {
        return trace.orElseThrow(() -> new IllegalArgumentException("not a valid InvThink trace: " + summary()));
    }
}
