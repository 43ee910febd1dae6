package invthink.prompt;

import invthink.redact.Redacted;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Cleaned forms of texts that repeat: an application sends the same system prompt with nearly
 * every request, and normalising and redacting it again each time cost as much as a tenth of
 * preparing a prompt. Only short texts are kept, and the whole table is dropped when it fills, so
 * a source whose system prompts never repeat costs a map look-up and nothing more.
 */
final class CleanedTexts {

    static final int MAX_ENTRIES = 256;
    static final int MAX_TEXT_CHARS = 4096;

    private final Map<String, Redacted> cleaned = new ConcurrentHashMap<>();
    private final Function<String, Redacted> clean;

    CleanedTexts(Function<String, Redacted> clean) {
        this.clean = clean;
    }

    Redacted get(String text) {
        Redacted hit = cleaned.get(text);
        if (hit != null) {
            return hit;
        }
        Redacted result = clean.apply(text);
        if (text.length() <= MAX_TEXT_CHARS) {
            if (cleaned.size() >= MAX_ENTRIES) {
                cleaned.clear();
            }
            cleaned.put(text, result);
        }
        return result;
    }
}
