package invthink.openai;

import java.util.List;

/**
 * The first choice of a chat completion and the usage the endpoint reported.
 *
 * @param content          the assistant message text ("" when the model only called tools)
 * @param model            the model that answered, as the endpoint names it
 * @param promptTokens     reported prompt tokens, or -1 if not reported
 * @param completionTokens reported completion tokens, or -1 if not reported
 * @param finishReason     {@code stop}, {@code length}, {@code tool_calls}, ... or null
 * @param toolCalls        the function calls of the message, in order; empty when none
 */
public record ChatResponse(String content, String model, long promptTokens, long completionTokens, String finishReason,
                           List<ToolCall> toolCalls) {

    public ChatResponse {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A response without tool calls. */
    public ChatResponse(String content, String model, long promptTokens, long completionTokens, String finishReason) {
        this(content, model, promptTokens, completionTokens, finishReason, List.of());
    }
}
