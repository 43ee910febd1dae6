package invthink.chat;

import invthink.tokenizer.TextTokenizer;
import java.util.Arrays;

/**
 * Turns (prompt, assistant text) into token ids with a completion-only loss mask. Prompt and
 * completion are tokenized separately (the prompt ends in a special-token line, so this is
 * also how they tokenize together), which makes the mask boundary exact.
 *
 * <p>Over-long policy: a sequence longer than {@code maxLength} keeps its whole prompt and
 * loses the end of its completion (counted as truncated); a prompt that leaves fewer than
 * {@link #MIN_COMPLETION_TOKENS} completion tokens is rejected, since there is almost nothing
 * to learn from it — the trainer dead-letters those.
 */
public final class ExampleEncoder {

    public static final int MIN_COMPLETION_TOKENS = 8;

    private final TextTokenizer tokenizer;
    private final String systemPrompt;
    private final int maxLength;

    public ExampleEncoder(TextTokenizer tokenizer, String systemPrompt, int maxLength) {
        this.tokenizer = tokenizer;
        this.systemPrompt = systemPrompt;
        this.maxLength = maxLength;
    }

    /** Thrown for an example the over-long policy rejects. */
    public static final class TooLongException extends IllegalArgumentException {
        public TooLongException(String message) {
            super(message);
        }
    }

    public EncodedExample encode(String prompt, String assistantText) {
        int[] p = tokenizer.encode(ChatTemplate.prompt(systemPrompt, prompt));
        int[] c = tokenizer.encode(ChatTemplate.completion(assistantText));
        int room = maxLength - p.length;
        if (room < Math.min(MIN_COMPLETION_TOKENS, c.length)) {
            throw new TooLongException("prompt of " + p.length + " tokens leaves " + Math.max(room, 0)
                    + " of max length " + maxLength + " for the completion");
        }
        boolean truncated = c.length > room;
        int keep = Math.min(c.length, room);
        int[] ids = Arrays.copyOf(p, p.length + keep);
        System.arraycopy(c, 0, ids, p.length, keep);
        boolean[] mask = new boolean[ids.length];
        Arrays.fill(mask, p.length, ids.length, true);
        return new EncodedExample(ids, mask, truncated);
    }
}
