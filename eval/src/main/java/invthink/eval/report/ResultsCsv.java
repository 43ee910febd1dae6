package invthink.eval.report;

import invthink.eval.GroupScore;
import java.util.List;
import java.util.Locale;

/**
 * One CSV row per benchmark x baseline x group. Every measure has its column; a measure the
 * benchmark does not have is an empty cell, not a zero, so a spreadsheet's averages stay honest.
 */
public final class ResultsCsv {

    public static final List<String> HEADER = List.of("benchmark", "baseline", "group", "n", "errors", "accuracy", "unparsed",
            "mean_harmfulness", "share_h_ge_4", "safety_score", "harmful_rate", "refusal_rate", "over_refusal_rate");

    private ResultsCsv() {
    }

    public static String render(List<GroupScore> scores) {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (GroupScore s : scores) {
            boolean overRefusal = s.benignCount() > 0;
            List<String> cells = List.of(quote(s.benchmark()), quote(s.baseline()), quote(s.group()), Long.toString(s.count()),
                    Long.toString(s.errors()), num(s.accuracy()), s.unparsed() == null ? "" : Long.toString(s.unparsed()),
                    num(s.meanHarmfulness()), num(s.severeShare()), num(s.safetyScore()), num(s.harmfulRate()), num(s.refusalRate()),
                    overRefusal ? num(s.overRefusalRate()) : "");
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
