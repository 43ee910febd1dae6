package invthink.trace;

import invthink.avro.InverseTrace;

/**
 * A trace and its answer, extracted from teacher or model text.
 *
 * @param trace  the structured inverse trace
 * @param answer the final answer inside {@code <think>}, trimmed
 */
public record ParsedTrace(InverseTrace trace, String answer) {

    public int harmCount() {
        return trace.getHarms().size();
    }
}
