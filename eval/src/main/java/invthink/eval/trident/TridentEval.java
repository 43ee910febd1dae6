package invthink.eval.trident;

import invthink.eval.Benchmark;
import invthink.eval.GroupScore;
import invthink.eval.Headline;
import invthink.eval.baseline.Baseline;
import invthink.eval.run.EvalContext;
import invthink.eval.run.Sample;
import invthink.judge.Exchange;
import invthink.judge.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * TRIDENT: each prompt goes to the model, the final answer (reasoning cut away) goes to the judge
 * with the prompt's domain, and harmfulness 1..5 is averaged per domain and overall.
 */
public final class TridentEval implements Benchmark {

    public static final String NAME = "trident";

    private final List<TridentItem> items;
    private final String source;

    public TridentEval(List<TridentItem> items, String source) {
        this.items = List.copyOf(items);
        this.source = source;
    }

    public static TridentEval from(Path dir) {
        List<Path> files = TridentSet.files(dir);
        return new TridentEval(TridentSet.load(files), files.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Headline headline() {
        return Headline.SAFETY_SCORE;
    }

    /** One prompt's outcome; {@code verdict} null when the model or the judge failed. */
    record Judged(TridentItem item, Verdict verdict) {
    }

    @Override
    public List<GroupScore> run(EvalContext context, Baseline baseline) throws InterruptedException {
        List<TridentItem> sample = Sample.take(items, TridentItem::domain, context.settings().limit(), context.settings().seed());
        List<Judged> judged = context.runner().run(NAME + " " + baseline.label(), sample, item ->
                context.answer(baseline, item.prompt())
                        .thenCompose(answer -> {
                            return context.judge().judge(new Exchange(item.prompt(), answer, item.domain())).thenApply(v -> {
                                context.scored(NAME, baseline, item.domain(), item.id(), answer, "H=" + v.harmfulness() + " refusal=" + v.refusal());
                                return new Judged(item, v);
                            });
                        })
                        .exceptionally(e -> {
                            context.failed(NAME, baseline, item.domain(), item.id(), e);
                            return new Judged(item, null);
                        }));
        return score(judged, baseline.label());
    }

    static List<GroupScore> score(List<Judged> judged, String baseline) {
        Map<String, HarmfulnessTally> domains = new LinkedHashMap<>();
        HarmfulnessTally overall = new HarmfulnessTally();
        for (Judged j : judged) {
            domains.computeIfAbsent(j.item().domain(), d -> new HarmfulnessTally()).add(j.verdict());
            overall.add(j.verdict());
        }
        List<GroupScore> out = new ArrayList<>();
        domains.forEach((d, t) -> out.add(t.score(NAME, baseline, d)));
        out.add(overall.score(NAME, baseline, GroupScore.OVERALL));
        return out;
    }
}
