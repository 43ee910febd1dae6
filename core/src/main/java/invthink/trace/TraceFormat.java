package invthink.trace;

import invthink.avro.Consequence;
import invthink.avro.Harm;
import invthink.avro.InverseTrace;

/**
 * The canonical text of an InvThink trace, byte-compatible with the paper's format.
 *
 * <pre>
 * &lt;invthink&gt;
 * Harm Enumeration:
 * 1. name: description
 * Consequence Analysis:
 * - name: consequence
 * Mitigation Strategy:
 * - constraint
 * &lt;/invthink&gt;
 * &lt;think&gt;
 * answer
 * &lt;/think&gt;
 * </pre>
 */
public final class TraceFormat {

    public static final String INVTHINK_OPEN = "<invthink>";
    public static final String INVTHINK_CLOSE = "</invthink>";
    public static final String ANSWER_OPEN = "<think>";
    public static final String ANSWER_CLOSE = "</think>";
    public static final String HARMS = "Harm Enumeration:";
    public static final String CONSEQUENCES = "Consequence Analysis:";
    public static final String MITIGATIONS = "Mitigation Strategy:";

    private TraceFormat() {
    }

    /** The trace and answer in the canonical format, ending with a newline. */
    public static String render(InverseTrace trace, String answer) {
        StringBuilder out = new StringBuilder(1024);
        out.append(INVTHINK_OPEN).append('\n').append(HARMS).append('\n');
        int n = 1;
        for (Harm harm : trace.getHarms()) {
            out.append(n++).append(". ").append(harm.getName());
            if (!harm.getDescription().isBlank() && !harm.getDescription().equals(harm.getName())) {
                out.append(": ").append(harm.getDescription());
            }
            out.append('\n');
        }
        out.append(CONSEQUENCES).append('\n');
        for (Consequence c : trace.getConsequences()) {
            out.append("- ").append(c.getHarm()).append(": ").append(c.getDescription()).append('\n');
        }
        out.append(MITIGATIONS).append('\n');
        for (String m : trace.getMitigations()) {
            out.append("- ").append(m).append('\n');
        }
        out.append(INVTHINK_CLOSE).append('\n')
                .append(ANSWER_OPEN).append('\n')
                .append(answer.strip()).append('\n')
                .append(ANSWER_CLOSE).append('\n');
        return out.toString();
    }

    /** The canonical text of a parsed trace. */
    public static String render(ParsedTrace parsed) {
        return render(parsed.trace(), parsed.answer());
    }
}
