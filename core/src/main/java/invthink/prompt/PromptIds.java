package invthink.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable ids: lowercase hex SHA-256. A prompt's id is the hash of its normalised, redacted text,
 * so the same question asked twice, by anyone, is the same key and collapses downstream.
 */
public final class PromptIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    private PromptIds() {
    }

    /** The id of a prompt whose normalised, redacted text is {@code text}. */
    public static String of(String text) {
        return sha256(text);
    }

    /**
     * The id of a prompt that comes with a system prompt (agentic scenarios): both texts count,
     * separated by a record separator that normalised text cannot contain.
     */
    public static String of(String system, String text) {
        return system == null || system.isEmpty() ? of(text) : sha256(system + '\u001e' + text);
    }

    /** A response's id: its prompt, the model that answered, and the answer. */
    public static String response(String promptId, String model, String responseText) {
        return sha256(promptId + '\u001e' + model + '\u001e' + responseText);
    }

    public static String sha256(String s) {
        MessageDigest digest = SHA256.get();
        byte[] hash = digest.digest(s.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        return new String(out);
    }
}
