package invthink.teacher;

import invthink.trace.TraceValidator;
import java.util.Map;

/**
 * How a {@link ChatTeacher} asks.
 *
 * @param routes      harms to enumerate (K)
 * @param temperature sampling temperature
 * @param maxTokens   completion length limit
 * @param extra       further body parameters passed to the endpoint unchanged (top_p, seed, ...)
 */
public record ChatTeacherSettings(int routes, double temperature, int maxTokens, Map<String, Object> extra) {

    public static final double DEFAULT_TEMPERATURE = 0.7;
    public static final int DEFAULT_MAX_TOKENS = 2048;

    public ChatTeacherSettings {
        if (routes < 1) {
            throw new IllegalArgumentException("routes must be at least 1");
        }
        extra = Map.copyOf(extra);
    }

    public static ChatTeacherSettings defaults() {
        return new ChatTeacherSettings(TraceValidator.DEFAULT_ROUTES, DEFAULT_TEMPERATURE, DEFAULT_MAX_TOKENS, Map.of());
    }
}
