package invthink.openai;

/**
 * The first choice of a chat completion and the usage the endpoint reported.
 *
 * @param content          the assistant message text
 * @param model            the model that answered, as the endpoint names it
 * @param promptTokens     reported prompt tokens, or -1 if not reported
 * @param completionTokens reported completion tokens, or -1 if not reported
 * @param finishReason     {@code stop}, {@code length}, ... or null
 */
public record ChatResponse(String content, String model, long promptTokens, long completionTokens, String finishReason) {
}
