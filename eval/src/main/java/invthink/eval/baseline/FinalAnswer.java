package invthink.eval.baseline;

import invthink.trace.TraceFormat;
import java.util.Locale;

/**
 * The part of a model's output that is scored: reasoning is cut away so that a harm named while
 * enumerating risks, or an option weighed during CoT, is not mistaken for the answer.
 *
 * <p>InvThink outputs: the text inside the answer tags, else the text after the closing InvThink
 * tag; CoT outputs: the text after the last {@value BaselinePrompts#FINAL_MARKER}. When a model
 * ignored the layout the whole output is scored, since it is all the answer there is.
 */
public final class FinalAnswer {

    private FinalAnswer() {
    }

    public static String extract(Baseline baseline, String output) {
        if (output == null) {
            return "";
        }
        return switch (baseline) {
            case INVTHINK -> invThink(output);
            case COT -> afterLastMarker(output);
            default -> output.strip();
        };
    }

    static String invThink(String output) {
        int open = output.lastIndexOf(TraceFormat.ANSWER_OPEN);
        if (open >= 0) {
            int from = open + TraceFormat.ANSWER_OPEN.length();
            int close = output.indexOf(TraceFormat.ANSWER_CLOSE, from);
            return (close >= 0 ? output.substring(from, close) : output.substring(from)).strip();
        }
        int closed = output.lastIndexOf(TraceFormat.INVTHINK_CLOSE);
        if (closed >= 0) {
            return output.substring(closed + TraceFormat.INVTHINK_CLOSE.length()).strip();
        }
        return afterLastMarker(output);
    }

    static String afterLastMarker(String output) {
        String lower = output.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf(BaselinePrompts.FINAL_MARKER.toLowerCase(Locale.ROOT));
        return at < 0 ? output.strip() : output.substring(at + BaselinePrompts.FINAL_MARKER.length()).strip();
    }
}
