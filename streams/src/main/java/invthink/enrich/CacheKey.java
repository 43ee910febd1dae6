package invthink.enrich;

import invthink.avro.Prompt;
import invthink.teacher.Teacher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The teacher-answer cache key: SHA-256 over the prompt text (and the production reply the
 * teacher is shown, if any), the teacher model, its parameters and the routes. The same request
 * to the same teacher gets the same key; change any of them and the teacher is asked afresh.
 */
final class CacheKey {

    private CacheKey() {
    }

    static String of(Prompt prompt, Teacher teacher) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            field(sha, prompt.getText().toString());
            field(sha, prompt.getDomain() == null ? "" : prompt.getDomain().toString());
            Object response = prompt.getMetadata().get(invthink.teacher.InvThinkPrompt.RESPONSE_METADATA_KEY);
            field(sha, response == null ? "" : response.toString());
            field(sha, teacher.model());
            for (Map.Entry<String, String> e : new TreeMap<>(teacher.parameters()).entrySet()) {
                field(sha, e.getKey() + "=" + e.getValue());
            }
            field(sha, Integer.toString(teacher.routes()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Length-prefixed, so ("ab", "c") and ("a", "bc") differ. */
    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }
}
