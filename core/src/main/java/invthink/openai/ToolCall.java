package invthink.openai;

import java.util.Objects;

/**
 * One function call the model asked for in {@code choices[0].message.tool_calls}.
 *
 * @param id        the call id the endpoint gave, or null
 * @param name      the function name
 * @param arguments the arguments as the model wrote them: a JSON object in a string, not validated,
 *                  because models write malformed JSON and callers decide what to make of it
 */
public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? "" : arguments;
    }
}
