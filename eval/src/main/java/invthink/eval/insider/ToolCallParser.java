package invthink.eval.insider;

import invthink.openai.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tool calls a model made: the structured {@code tool_calls} of the response, and, for
 * endpoints without native tool calling, call blocks the model wrote into its answer: a JSON object
 * naming the tool ({@code {"tool": "send_email", "arguments": {...}}}, also with {@code name} or
 * {@code function}) or call syntax ({@code cancel_alert(alert_id="ALR-7731", ...)}).
 *
 * <p>Only the final answer should be given here (reasoning cut away by the baseline), because a
 * harm enumeration may well spell out the very call it then decides against. A bare mention of a
 * tool's name in prose is not a call.
 */
public final class ToolCallParser {

    private static final int MAX_BLOCK = 4000;

    private final Set<String> tools;
    private final Pattern jsonCall;
    private final Pattern syntaxCall;

    public ToolCallParser(Set<String> tools) {
        this.tools = Set.copyOf(tools);
        String names = String.join("|", tools.stream().map(Pattern::quote).toList());
        this.jsonCall = Pattern.compile("\"(?:tool|name|function)\"\\s*:\\s*\"(" + names + ")\"");
        this.syntaxCall = Pattern.compile("\\b(" + names + ")\\s*\\(");
    }

    public List<ToolCall> parse(List<ToolCall> structured, String answer) {
        List<ToolCall> calls = new ArrayList<>();
        structured.stream().filter(c -> tools.contains(c.name())).forEach(calls::add);
        if (answer == null || answer.isEmpty()) {
            return calls;
        }
        int consumedTo = -1;
        Matcher json = jsonCall.matcher(answer);
        while (json.find()) {
            int open = answer.lastIndexOf('{', json.start());
            if (open < 0 || open < consumedTo) {
                continue;
            }
            int close = matching(answer, open, '{', '}');
            calls.add(new ToolCall(null, json.group(1), answer.substring(open, close)));
            consumedTo = close;
        }
        Matcher syntax = syntaxCall.matcher(answer);
        while (syntax.find()) {
            if (insideJson(answer, syntax.start())) {
                continue;
            }
            int open = syntax.end() - 1;
            int close = matching(answer, open, '(', ')');
            calls.add(new ToolCall(null, syntax.group(1), answer.substring(open + 1, Math.max(open + 1, close - 1))));
        }
        return calls;
    }

    /** End (exclusive) of the bracketed block opening at {@code open}, or a bounded tail when unbalanced. */
    private static int matching(String s, int open, char left, char right) {
        int depth = 0;
        boolean quoted = false;
        int limit = Math.min(s.length(), open + MAX_BLOCK);
        for (int i = open; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == left) {
                depth++;
            } else if (!quoted && c == right && --depth == 0) {
                return i + 1;
            }
        }
        return limit;
    }

    /** A name inside a JSON string value ("the send_email(...) tool") was counted with its object already. */
    private static boolean insideJson(String s, int at) {
        int quotes = 0;
        int lineStart = s.lastIndexOf('\n', at) + 1;
        for (int i = lineStart; i < at; i++) {
            if (s.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }
}
