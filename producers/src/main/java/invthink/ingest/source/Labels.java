package invthink.ingest.source;

import invthink.prompt.PromptMetadata;
import java.util.Locale;

/** Maps the many ways datasets spell "harmful" and "benign" onto the pipeline's two labels. */
public final class Labels {

    private Labels() {
    }

    /** {@code harmful}, {@code benign}, or null when the value says neither. */
    public static String canonical(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "harmful", "unsafe", "harm", "1", "true", "yes", "toxic", "malicious", "unsafe_prompt" -> PromptMetadata.HARMFUL;
            case "benign", "safe", "harmless", "0", "false", "no", "safe_prompt" -> PromptMetadata.BENIGN;
            default -> null;
        };
    }
}
