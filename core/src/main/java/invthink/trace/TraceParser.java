package invthink.trace;

import invthink.avro.Consequence;
import invthink.avro.Harm;
import invthink.avro.InverseTrace;
import invthink.trace.TraceProblem.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts harms, consequences, mitigations and the answer from InvThink text.
 *
 * <p>Accepts what real teachers write around the canonical format: numbered ({@code 1.},
 * {@code 1)}, {@code (1)}) or bulleted ({@code -}, {@code *}, {@code •}) items, markdown headings
 * or bold around section names, items wrapped over several lines, blank lines, and prose
 * before {@code <invthink>} or after {@code </think>}. It checks structure only; how many harms
 * a trace should have is {@link TraceValidator}'s business. Thread-safe and stateless.
 */
public final class TraceParser {

    private static final Pattern HEADING = Pattern.compile(
            "^[ \\t]*(?:#{1,6}[ \\t]*)?(?:\\*\\*|__)?[ \\t]*(harm enumeration|consequence analysis|mitigation strateg(?:y|ies))"
                    + "[ \\t]*:?[ \\t]*(?:\\*\\*|__)?[ \\t]*:?[ \\t]*$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final String[] SECTION_NAMES = {"Harm Enumeration", "Consequence Analysis", "Mitigation Strategy"};

    private TraceParser() {
    }

    public static ParseResult parse(String text) {
        if (text == null) {
            return ParseResult.failed(List.of(new TraceProblem(Code.MISSING_INVTHINK, "no text")));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int open = lower.indexOf(TraceFormat.INVTHINK_OPEN);
        if (open < 0) {
            return ParseResult.failed(List.of(new TraceProblem(Code.MISSING_INVTHINK,
                    "no " + TraceFormat.INVTHINK_OPEN + " block: the output must start with the inverse trace")));
        }
        int bodyStart = open + TraceFormat.INVTHINK_OPEN.length();
        int close = lower.indexOf(TraceFormat.INVTHINK_CLOSE, bodyStart);
        if (close < 0) {
            return ParseResult.failed(List.of(new TraceProblem(Code.UNCLOSED_INVTHINK,
                    TraceFormat.INVTHINK_OPEN + " is never closed by " + TraceFormat.INVTHINK_CLOSE + " (output truncated?)")));
        }
        List<TraceProblem> problems = new ArrayList<>();
        String[] sections = sections(text.substring(bodyStart, close), problems);
        String answer = answer(text, lower, close + TraceFormat.INVTHINK_CLOSE.length(), problems);

        List<String> harmItems = sections[0] == null ? List.of() : items(sections[0]);
        List<String> consequenceItems = sections[1] == null ? List.of() : items(sections[1]);
        List<String> mitigationItems = sections[2] == null ? List.of() : items(sections[2]);
        List<List<String>> all = List.of(harmItems, consequenceItems, mitigationItems);
        for (int i = 0; i < SECTION_NAMES.length; i++) {
            if (sections[i] != null && all.get(i).isEmpty()) {
                problems.add(new TraceProblem(Code.EMPTY_SECTION, "section \"" + SECTION_NAMES[i] + "\" is empty"));
            }
        }
        if (!problems.isEmpty()) {
            return ParseResult.failed(problems);
        }
        List<Harm> harms = harmItems.stream().map(TraceParser::harm).toList();
        List<Consequence> consequences = new ArrayList<>();
        for (int i = 0; i < consequenceItems.size(); i++) {
            consequences.add(consequence(consequenceItems.get(i), i, harms));
        }
        InverseTrace trace = InverseTrace.newBuilder()
                .setHarms(harms)
                .setConsequences(consequences)
                .setMitigations(mitigationItems)
                .build();
        return ParseResult.of(new ParsedTrace(trace, answer));
    }

    /** The three section bodies in canonical order; null where a section is missing. */
    private static String[] sections(String body, List<TraceProblem> problems) {
        String[] bodies = new String[3];
        int[] starts = {-1, -1, -1};
        int[] ends = new int[3];
        List<Integer> order = new ArrayList<>();
        Matcher m = HEADING.matcher(body);
        while (m.find()) {
            int index = sectionIndex(m.group(1));
            if (starts[index] >= 0) {
                problems.add(new TraceProblem(Code.DUPLICATE_SECTION, "section \"" + SECTION_NAMES[index] + "\" appears twice"));
                continue;
            }
            starts[index] = m.end();
            ends[index] = m.start();
            order.add(index);
        }
        for (int i = 0; i < 3; i++) {
            if (starts[i] < 0) {
                problems.add(new TraceProblem(Code.MISSING_SECTION, "section \"" + SECTION_NAMES[i] + ":\" is missing"));
            }
        }
        for (int k = 1; k < order.size(); k++) {
            if (order.get(k) < order.get(k - 1)) {
                problems.add(new TraceProblem(Code.SECTION_ORDER, "sections are out of order: expected "
                        + String.join(", ", SECTION_NAMES)));
                break;
            }
        }
        for (int k = 0; k < order.size(); k++) {
            int index = order.get(k);
            int end = k + 1 < order.size() ? ends[order.get(k + 1)] : body.length();
            bodies[index] = body.substring(starts[index], Math.max(starts[index], end));
        }
        return bodies;
    }

    private static int sectionIndex(String heading) {
        String h = heading.toLowerCase(Locale.ROOT);
        return h.startsWith("harm") ? 0 : h.startsWith("consequence") ? 1 : 2;
    }

    private static String answer(String text, String lower, int from, List<TraceProblem> problems) {
        int open = lower.indexOf(TraceFormat.ANSWER_OPEN, from);
        if (open < 0) {
            problems.add(new TraceProblem(Code.MISSING_ANSWER,
                    "no " + TraceFormat.ANSWER_OPEN + " answer after " + TraceFormat.INVTHINK_CLOSE));
            return "";
        }
        int start = open + TraceFormat.ANSWER_OPEN.length();
        int close = lower.indexOf(TraceFormat.ANSWER_CLOSE, start);
        if (close < 0) {
            problems.add(new TraceProblem(Code.UNCLOSED_ANSWER,
                    TraceFormat.ANSWER_OPEN + " is never closed by " + TraceFormat.ANSWER_CLOSE + " (output truncated?)"));
            return "";
        }
        String answer = text.substring(start, close).strip();
        if (answer.isEmpty()) {
            problems.add(new TraceProblem(Code.EMPTY_ANSWER, "the " + TraceFormat.ANSWER_OPEN + " answer is empty"));
        }
        return answer;
    }

    /** Items of a section: each bullet or number starts one; other non-blank lines continue it. */
    static List<String> items(String section) {
        // Scanned by hand rather than split and matched with regular expressions: this runs for
        // every teacher answer, and the expressions were a third of the enrichment stage's parsing.
        List<StringBuilder> items = new ArrayList<>();
        int n = section.length();
        int start = 0;
        while (start <= n) {
            int end = start;
            while (end < n && !lineBreak(section.charAt(end))) {
                end++;
            }
            String line = section.substring(start, end);
            start = end < n && section.charAt(end) == '\r' && end + 1 < n && section.charAt(end + 1) == '\n' ? end + 2 : end + 1;
            if (line.isBlank()) {
                continue;
            }
            int text = itemText(line);
            if (text >= 0) {
                items.add(new StringBuilder(line.substring(text).strip()));
            } else if (items.isEmpty()) {
                items.add(new StringBuilder(line.strip()));
            } else {
                items.get(items.size() - 1).append(' ').append(line.strip());
            }
        }
        List<String> out = new ArrayList<>(items.size());
        for (StringBuilder item : items) {
            String s = item.toString().strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** What {@code \\R} matches as a single character. */
    private static boolean lineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** What {@code \\s} matches: ASCII whitespace only. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * Where an item's text starts when the line opens with a marker ({@code 1.}, {@code 1)},
     * {@code (1)}, or one of {@code - * • +}, up to three digits, then whitespace); -1 otherwise.
     */
    static int itemText(String line) {
        int n = line.length();
        int i = 0;
        while (i < n && space(line.charAt(i))) {
            i++;
        }
        if (i >= n) {
            return -1;
        }
        char c = line.charAt(i);
        int j;
        if (c >= '0' && c <= '9') {
            j = digits(line, i);
            if (j < 0 || j >= n || (line.charAt(j) != '.' && line.charAt(j) != ')')) {
                return -1;
            }
            j++;
        } else if (c == '(') {
            j = digits(line, i + 1);
            if (j < 0 || j >= n || line.charAt(j) != ')') {
                return -1;
            }
            j++;
        } else if (c == '-' || c == '*' || c == '\u2022' || c == '+') {
            j = i + 1;
        } else {
            return -1;
        }
        if (j >= n || !space(line.charAt(j))) {
            return -1;
        }
        while (j < n && space(line.charAt(j))) {
            j++;
        }
        return j;
    }

    /** The end of one to three ASCII digits at {@code from}, if exactly that many are there; else -1. */
    private static int digits(String s, int from) {
        int j = from;
        while (j < s.length() && j - from <= 3 && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        int count = j - from;
        return count >= 1 && count <= 3 ? j : -1;
    }

    private static Harm harm(String item) {
        String[] parts = nameAndRest(item);
        return Harm.newBuilder().setName(parts[0]).setDescription(parts[1].isEmpty() ? parts[0] : parts[1]).build();
    }

    /** A consequence names its harm; an unlabelled one belongs to the harm at the same position. */
    private static Consequence consequence(String item, int index, List<Harm> harms) {
        String[] parts = nameAndRest(item);
        if (parts[1].isEmpty()) {
            String harm = index < harms.size() ? harms.get(index).getName() : "";
            return Consequence.newBuilder().setHarm(harm).setDescription(item).build();
        }
        String harm = harms.stream().map(Harm::getName).filter(parts[0]::equalsIgnoreCase).findFirst().orElse(parts[0]);
        return Consequence.newBuilder().setHarm(harm).setDescription(parts[1]).build();
    }

    /** Splits "Name: rest" (or "Name — rest"), dropping markdown emphasis around the name. */
    private static String[] nameAndRest(String item) {
        int[] sep = separator(item);
        if (sep != null && sep[0] > 0 && sep[0] <= 120) {
            String name = unemphasize(item.substring(0, sep[0]));
            String rest = item.substring(sep[1]).strip();
            return new String[] {name, rest};
        }
        return new String[] {unemphasize(item), ""};
    }

    /**
     * The first separator between a name and its description, as {start, end}: a colon followed
     * by whitespace or ending the item, or a dash (hyphen, en or em dash) with whitespace on both
     * sides; null when there is none.
     */
    static int[] separator(String item) {
        int n = item.length();
        for (int i = 0; i < n; i++) {
            char c = item.charAt(i);
            if (c == ':') {
                if (i + 1 == n) {
                    return new int[] {i, n};
                }
                if (space(item.charAt(i + 1))) {
                    int end = i + 1;
                    while (end < n && space(item.charAt(end))) {
                        end++;
                    }
                    return new int[] {i, end};
                }
            } else if (space(c)) {
                int dash = i;
                while (dash < n && space(item.charAt(dash))) {
                    dash++;
                }
                if (dash + 1 < n && isDash(item.charAt(dash)) && space(item.charAt(dash + 1))) {
                    int end = dash + 1;
                    while (end < n && space(item.charAt(end))) {
                        end++;
                    }
                    return new int[] {i, end};
                }
                i = dash - 1;
            }
        }
        return null;
    }

    private static boolean isDash(char c) {
        return c == '-' || c == '\u2013' || c == '\u2014';
    }

    private static String unemphasize(String s) {
        return s.replace("**", "").replace("__", "").strip();
    }
}
