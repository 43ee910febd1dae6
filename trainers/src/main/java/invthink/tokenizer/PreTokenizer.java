package invthink.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's split of text into words before BPE (contractions, letters, digits, punctuation,
 * whitespace), the same expression Hugging Face's {@code ByteLevel} pre-tokenizer applies.
 */
public final class PreTokenizer {

    private static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private PreTokenizer() {}

    /** The words of {@code text}, in order; their concatenation is {@code text}. */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = GPT2.matcher(text);
        while (m.find()) words.add(m.group());
        return words;
    }
}
