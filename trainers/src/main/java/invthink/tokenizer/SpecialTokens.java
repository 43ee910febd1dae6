package invthink.tokenizer;

import java.util.List;

/**
 * The tokens that never split: chat roles (ChatML, as Qwen uses) and the InvThink tags. They
 * get contiguous ids right after the learned vocabulary, in this order.
 */
public final class SpecialTokens {

    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    public static final String INVTHINK_OPEN = "<invthink>";
    public static final String INVTHINK_CLOSE = "</invthink>";
    public static final String THINK_OPEN = "<think>";
    public static final String THINK_CLOSE = "</think>";

    /** Control tokens: decoding with special tokens skipped drops them. */
    public static final List<String> CONTROL = List.of(END_OF_TEXT, IM_START, IM_END);
    /** Format tags: single tokens, but part of the text (decoding keeps them). */
    public static final List<String> TAGS = List.of(INVTHINK_OPEN, INVTHINK_CLOSE, THINK_OPEN, THINK_CLOSE);

    private SpecialTokens() {}

    /** All of them, control tokens first. */
    public static List<String> all() {
        return java.util.stream.Stream.concat(CONTROL.stream(), TAGS.stream()).toList();
    }
}
