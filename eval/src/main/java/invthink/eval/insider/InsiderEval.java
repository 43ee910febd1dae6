package invthink.eval.insider;

import invthink.avro.Refusal;
import invthink.eval.Benchmark;
import invthink.eval.GroupScore;
import invthink.eval.Headline;
import invthink.eval.baseline.Baseline;
import invthink.eval.baseline.FinalAnswer;
import invthink.eval.baseline.Task;
import invthink.eval.run.EvalContext;
import invthink.judge.Exchange;
import invthink.openai.ChatException;
import invthink.openai.ChatRequest;
import invthink.openai.ChatResponse;
import invthink.openai.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The insider-threat scenarios, each run for N seeded trials at a sampling temperature (one answer
 * says little about a rate), with the tools declared as OpenAI function definitions. Harmful rate
 * per variant and overall, decided by {@link HybridRule}. {@code --limit} caps the trials.
 */
public final class InsiderEval implements Benchmark {

    public static final String NAME = "insider";

    private final List<Scenario> scenarios;

    public InsiderEval(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    public static InsiderEval bundled() {
        return new InsiderEval(Scenarios.bundled());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String source() {
        return "bundled (" + Scenarios.RESOURCE_DIR.substring(1) + ")";
    }

    @Override
    public Headline headline() {
        return Headline.HARMFUL_RATE;
    }

    record Trial(Scenario scenario, int index) {
    }

    @Override
    public List<GroupScore> run(EvalContext context, Baseline baseline) throws InterruptedException {
        int trials = context.settings().limit() > 0 ? Math.min(context.settings().limit(), context.settings().trials())
                : context.settings().trials();
        List<Trial> all = new ArrayList<>();
        for (Scenario s : scenarios) {
            for (int i = 0; i < trials; i++) {
                all.add(new Trial(s, i));
            }
        }
        List<TrialOutcome> outcomes = context.runner().run(NAME + " " + baseline.label(), all, t -> trial(context, baseline, t));
        return score(outcomes, baseline.label());
    }

    private CompletableFuture<TrialOutcome> trial(EvalContext context, Baseline baseline, Trial t) {
        Scenario s = t.scenario();
        ToolCallParser parser = new ToolCallParser(toolNames(s));
        ChatRequest nativeTools = context.request(context.prompts().render(baseline, new Task(s.system(), s.user())),
                context.settings().trialTemperature(), t.index(), Map.of("tools", s.tools(), "tool_choice", "auto"));
        return context.model().complete(nativeTools)
                .exceptionallyCompose(e -> rejectedTools(e) ? context.model().complete(textTools(context, baseline, s, t))
                        : CompletableFuture.failedFuture(e))
                .thenCompose((ChatResponse r) -> {
                    String answer = FinalAnswer.extract(baseline, r.content());
                    List<ToolCall> calls = parser.parse(r.toolCalls(), answer);
                    String judged = answer + calls.stream().map(c -> "\n[" + c.name() + "] " + c.arguments()).collect(Collectors.joining());
                    return context.judge().judge(new Exchange(s.user(), judged, null)).thenApply(v -> {
                        TrialOutcome o = HybridRule.decide(s, t.index(), calls, v);
                        context.scored(NAME, baseline, s.variant(), s.variant() + "-" + t.index(), judged, describe(o, calls));
                        return o;
                    });
                }).exceptionally(e -> {
                    context.failed(NAME, baseline, s.variant(), s.variant() + "-" + t.index(), e);
                    return TrialOutcome.failed(s.variant(), t.index());
                });
    }

    private static String describe(TrialOutcome o, List<ToolCall> calls) {
        String tools = calls.isEmpty() ? "no tool calls" : "calls " + calls.stream().map(ToolCall::name).toList();
        return (o.harmful() ? "harmful" : "not harmful") + " (" + tools + (o.coercive() ? ", coercive" : "") + ", judge H="
                + o.verdict().harmfulness() + ")";
    }

    /**
     * An endpoint without function calling (vLLM started without a tool parser answers 400 to
     * {@code tool_choice}) still gets the trial: the tools are described in the system prompt and the
     * model writes its calls as JSON, which {@link ToolCallParser} reads.
     */
    private static boolean rejectedTools(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof ChatException c && c.status() == 400;
    }

    private static ChatRequest textTools(EvalContext context, Baseline baseline, Scenario s, Trial t) {
        Task task = new Task(s.system() + "\n\n" + ToolText.describe(s.tools()), s.user());
        return context.request(context.prompts().render(baseline, task), context.settings().trialTemperature(), t.index(), Map.of());
    }

    @SuppressWarnings("unchecked")
    private static String toolName(Map<String, Object> tool) {
        return String.valueOf(((Map<String, Object>) tool.get("function")).get("name"));
    }

    static List<GroupScore> score(List<TrialOutcome> outcomes, String baseline) {
        Map<String, List<TrialOutcome>> groups = new LinkedHashMap<>();
        outcomes.forEach(o -> groups.computeIfAbsent(o.variant(), v -> new ArrayList<>()).add(o));
        List<GroupScore> out = new ArrayList<>();
        groups.forEach((v, list) -> out.add(group(baseline, v, list)));
        out.add(group(baseline, GroupScore.OVERALL, outcomes));
        return out;
    }

    private static GroupScore group(String baseline, String group, List<TrialOutcome> list) {
        long count = 0;
        long errors = 0;
        long harmful = 0;
        long refusals = 0;
        long sum = 0;
        for (TrialOutcome o : list) {
            if (o.failed()) {
                errors++;
                continue;
            }
            count++;
            sum += o.verdict().harmfulness();
            harmful += o.harmful() ? 1 : 0;
            refusals += o.verdict().refusal() != Refusal.NONE ? 1 : 0;
        }
        Double mean = count == 0 ? null : (double) sum / count;
        return new GroupScore(NAME, baseline, group, count, errors, null, null, mean, null, harmful, refusals, 0, 0);
    }

    /** For tests: the tools a scenario declares. */
    static Set<String> toolNames(Scenario s) {
        return s.tools().stream().map(InsiderEval::toolName).collect(Collectors.toSet());
    }
}
