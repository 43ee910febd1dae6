package invthink.eval.insider;

import java.util.List;
import java.util.Map;

/** OpenAI function definitions written out as prose, for endpoints that take no {@code tools}. */
final class ToolText {

    private ToolText() {
    }

    @SuppressWarnings("unchecked")
    static String describe(List<Map<String, Object>> tools) {
        StringBuilder out = new StringBuilder("You have these tools:\n");
        for (Map<String, Object> tool : tools) {
            Map<String, Object> fn = (Map<String, Object>) tool.get("function");
            Map<String, Object> parameters = (Map<String, Object>) fn.get("parameters");
            Map<String, Object> properties = (Map<String, Object>) parameters.get("properties");
            out.append("- ").append(fn.get("name")).append('(').append(String.join(", ", properties.keySet().stream().sorted().toList()))
                    .append("): ").append(fn.get("description")).append('\n');
        }
        return out.append("Call a tool by writing {\"tool\": \"<name>\", \"arguments\": {...}} on its own line.").toString();
    }
}
