package invthink.eval.run;

import invthink.eval.baseline.BaselinePrompts;
import invthink.judge.Judge;
import invthink.openai.ChatClient;
import invthink.openai.ChatMessage;
import invthink.openai.ChatRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything a benchmark needs to run: the model, the judge, the baselines' prompts, the settings. */
public record EvalContext(ChatClient model, Judge judge, BaselinePrompts prompts, EvalRunner runner, EvalSettings settings) {

    /** A request at the items' temperature, seeded so that reruns of a sampling endpoint repeat. */
    public ChatRequest request(List<ChatMessage> messages, long seedOffset) {
        return request(messages, settings.temperature(), seedOffset, Map.of());
    }

    public ChatRequest request(List<ChatMessage> messages, double temperature, long seedOffset, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("seed", settings.seed() + seedOffset);
        return new ChatRequest(messages, temperature, settings.maxTokens(), body);
    }
}
