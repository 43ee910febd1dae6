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
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:\\d{1,3}[.)]|\\(\\d{1,3}\\)|[-*•+])\\s+(.*)$");
    private static final Pattern NAME_SEPARATOR = Pattern.compile(":\\s+|\\s+[—–-]\\s+|:$");
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
        List<StringBuilder> items = new ArrayList<>();
        for (String line : section.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher item = ITEM.matcher(line);
            if (item.matches()) {
                items.add(new StringBuilder(item.group(1).strip()));
            } else if (items.isEmpty()) {
                items.add(new StringBuilder(line.strip()));
            } else {
                items.get(items.size() - 1).append(' ').append(line.strip());
            }
        }
        return items.stream().map(StringBuilder::toString).map(String::strip).filter(s -> !s.isEmpty()).toList();
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
        Matcher sep = NAME_SEPARATOR.matcher(item);
        if (sep.find() && sep.start() > 0 && sep.start() <= 120) {
            String name = unemphasize(item.substring(0, sep.start()));
            String rest = item.substring(sep.end()).strip();
            return new String[] {name, rest};
        }
        return new String[] {unemphasize(item), ""};
    }

    private static String unemphasize(String s) {
        return s.replace("**", "").replace("__", "").strip();
    }
}
