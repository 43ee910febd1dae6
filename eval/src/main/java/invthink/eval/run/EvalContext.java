package invthink.eval.run;

import invthink.eval.baseline.Baseline;
import invthink.eval.baseline.BaselinePrompts;
import invthink.eval.baseline.FinalAnswer;
import invthink.eval.baseline.Task;
import invthink.judge.Judge;
import invthink.openai.ChatClient;
import invthink.openai.ChatMessage;
import invthink.openai.ChatRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Everything a benchmark needs to run: the model, the judge, the baselines' prompts, the settings, and where item records go. */
public record EvalContext(ChatClient model, Judge judge, BaselinePrompts prompts, EvalRunner runner, EvalSettings settings, ItemLog items) {

    public EvalContext(ChatClient model, Judge judge, BaselinePrompts prompts, EvalRunner runner, EvalSettings settings) {
        this(model, judge, prompts, runner, settings, new ItemLog());
    }

    /** Records a scored item. */
    public void scored(String benchmark, Baseline baseline, String group, String id, String answer, String outcome) {
        items.add(new ItemRecord(benchmark, baseline.label(), group, id, answer, outcome, null));
    }

    /** Records a failed item and lets the runner log why. */
    public void failed(String benchmark, Baseline baseline, String group, String id, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        runner.failed(benchmark + " " + baseline.label(), cause);
        items.add(new ItemRecord(benchmark, baseline.label(), group, id, null, null, String.valueOf(cause.getMessage())));
    }

    /**
     * The model's final answer to one single-turn task under a baseline: the prompt rendered as
     * the baseline says, and the answer taken out of a CoT or InvThink reply before anyone scores it.
     */
    public CompletableFuture<String> answer(Baseline baseline, String task) {
        return model.complete(request(prompts.render(baseline, Task.of(task)), 0))
                .thenApply(r -> FinalAnswer.extract(baseline, r.content()));
    }

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
