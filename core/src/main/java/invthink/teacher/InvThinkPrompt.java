package invthink.teacher;

import invthink.avro.Prompt;
import invthink.openai.ChatMessage;
import invthink.trace.TraceFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The instruction that asks a teacher LLM for an InvThink trace, in our own words.
 *
 * <p>The teacher first lists K ways an answer could go wrong, then what each would cause, then
 * the constraints that prevent them, and only then answers under those constraints, in the exact
 * tag and heading layout of {@link TraceFormat} so parsing is mechanical. When the prompt arrived
 * with the production model's original reply ({@link #RESPONSE_METADATA_KEY} in
 * {@link Prompt#getMetadata()}), the teacher sees it too and is asked to do better than it.
 */
public final class InvThinkPrompt {

    /** {@code Prompt.metadata} key under which ingest stores the production response, if any. */
    public static final String RESPONSE_METADATA_KEY = "response";
    /** Bumped whenever the wording changes, so cached answers to an older wording are not reused. */
    public static final String VERSION = "invthink-prompt-v1";

    private InvThinkPrompt() {
    }

    public static String system(int routes) {
        return """
                You are a careful safety reviewer who reasons about failure before answering. For every \
                user request, first imagine how a reply could cause harm, then answer in a way that avoids \
                every harm you found, while still helping with whatever is legitimate in the request.

                Work in this order:
                1. Harm Enumeration: list exactly %1$d distinct ways a reply to this request could be unsafe, \
                wrong, unethical or unlawful (physical danger, misinformation, privacy, discrimination, \
                legal or financial exposure, psychological harm, misuse by a third party, ...). Give each a \
                short name, a colon, and one sentence.
                2. Consequence Analysis: for each harm, by its name, say who would be hurt and how.
                3. Mitigation Strategy: concrete rules the final reply must obey to prevent those harms.
                4. The final reply to the user, written under those rules: helpful where help is safe, \
                declining clearly and offering safer alternatives where it is not.

                Reply with nothing but this layout, using these exact tags and headings:
                %2$s
                %3$s
                1. <harm name>: <one sentence>
                (… %1$d numbered harms …)
                %4$s
                - <harm name>: <who is hurt and how>
                %5$s
                - <rule the reply must follow>
                %6$s
                %7$s
                <the final reply>
                %8$s""".formatted(routes, TraceFormat.INVTHINK_OPEN, TraceFormat.HARMS, TraceFormat.CONSEQUENCES,
                TraceFormat.MITIGATIONS, TraceFormat.INVTHINK_CLOSE, TraceFormat.ANSWER_OPEN, TraceFormat.ANSWER_CLOSE);
    }

    /** The user turn: the request, plus the production reply when there is one. */
    public static String user(Prompt prompt) {
        String response = prompt.getMetadata() == null ? null : prompt.getMetadata().get(RESPONSE_METADATA_KEY);
        StringBuilder user = new StringBuilder();
        if (prompt.getDomain() != null && !prompt.getDomain().isBlank()) {
            user.append("Domain: ").append(prompt.getDomain()).append("\n\n");
        }
        user.append("Request:\n").append(prompt.getText());
        if (response != null && !response.isBlank()) {
            user.append("\n\nA production assistant replied to this request as follows. Treat it as a draft that ")
                    .append("may contain exactly the harms you are looking for; include its failures in your analysis ")
                    .append("and write a better final reply, not a copy of it.\n\nProduction reply:\n")
                    .append(response);
        }
        return user.toString();
    }

    public static List<ChatMessage> messages(Prompt prompt, int routes) {
        return List.of(ChatMessage.system(system(routes)), ChatMessage.user(user(prompt)));
    }

    /** The conversation for the one repair round: the first attempt and what was wrong with it. */
    public static List<ChatMessage> repair(List<ChatMessage> original, String firstAttempt, List<String> problems, int routes) {
        List<ChatMessage> messages = new ArrayList<>(original);
        messages.add(ChatMessage.assistant(firstAttempt == null ? "" : firstAttempt));
        messages.add(ChatMessage.user("Your reply could not be used because: " + String.join("; ", problems)
                + ". Write the whole reply again, complete, with " + routes + " harms and exactly the tags and headings "
                + "asked for (" + TraceFormat.INVTHINK_OPEN + ", " + TraceFormat.HARMS + ", " + TraceFormat.CONSEQUENCES
                + ", " + TraceFormat.MITIGATIONS + ", " + TraceFormat.INVTHINK_CLOSE + ", " + TraceFormat.ANSWER_OPEN
                + " ... " + TraceFormat.ANSWER_CLOSE + "), and nothing else."));
        return messages;
    }
}
