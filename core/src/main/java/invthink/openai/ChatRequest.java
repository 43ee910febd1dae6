package invthink.openai;

import java.util.List;
import java.util.Map;

/**
 * A chat-completions request.
 *
 * @param messages    the conversation
 * @param temperature sampling temperature
 * @param maxTokens   completion length limit
 * @param extra       further body parameters passed through unchanged (top_p, seed, stop, ...)
 */
public record ChatRequest(List<ChatMessage> messages, double temperature, int maxTokens, Map<String, Object> extra) {
    public ChatRequest {
        messages = List.copyOf(messages);
        extra = Map.copyOf(extra);
    }
}
