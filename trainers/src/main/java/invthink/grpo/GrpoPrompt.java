package invthink.grpo;

import invthink.avro.AugmentedExample;
import invthink.chat.ChatTemplate;
import invthink.tokenizer.TextTokenizer;
import invthink.trace.TraceFormat;

/**
 * The user turn GRPO samples from: the query alone, or — as in the authors' code,
 * {@code y ~ π(y | x, z_inv)} — the query followed by the teacher's inverse trace.
 */
public final class GrpoPrompt {

    private GrpoPrompt() {}

    public static String userText(AugmentedExample e, boolean withTrace) {
        String query = e.getPrompt().getText();
        if (!withTrace) return query;
        String rendered = TraceFormat.render(e.getTrace(), "");
        int end = rendered.indexOf(TraceFormat.INVTHINK_CLOSE);
        String trace = end < 0 ? rendered : rendered.substring(0, end + TraceFormat.INVTHINK_CLOSE.length());
        return query + "\n\n" + trace;
    }

    public static GroupSampler.Prompt of(AugmentedExample e, boolean withTrace, String systemPrompt, TextTokenizer tokenizer) {
        String user = userText(e, withTrace);
        return new GroupSampler.Prompt(e.getPrompt().getId(), user, tokenizer.encode(ChatTemplate.prompt(systemPrompt, user)));
    }
}
