package invthink.eval;

import invthink.eval.baseline.Baseline;
import invthink.eval.run.EvalContext;
import invthink.eval.run.ItemRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs benchmarks under baselines against one model and collects the scores with the run's record. */
public final class EvalSuite {

    private static final Logger LOG = LoggerFactory.getLogger(EvalSuite.class);

    private final List<Benchmark> benchmarks;
    private final List<Baseline> baselines;
    private final Clock clock;

    public EvalSuite(List<Benchmark> benchmarks, List<Baseline> baselines, Clock clock) {
        if (benchmarks.isEmpty() || baselines.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one benchmark and one baseline");
        }
        this.benchmarks = List.copyOf(benchmarks);
        this.baselines = List.copyOf(baselines);
        this.clock = clock;
    }

    /** @param endpoint the model's base URL; recorded without credentials */
    public EvalResult run(EvalContext context, String endpoint) throws InterruptedException {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, Headline> headlines = new LinkedHashMap<>();
        benchmarks.forEach(b -> {
            sources.put(b.name(), b.source());
            headlines.put(b.name(), b.headline());
        });
        RunRecord record = new RunRecord(RunRecord.redact(endpoint), context.model().model(), context.judge().identity(),
                sources, baselines.stream().map(Baseline::label).toList(), context.prompts().routes(),
                context.settings().shots(), context.settings().trials(), context.settings().limit(), context.settings().seed(),
                context.runner().maxInFlight(), clock.instant(), null);
        List<GroupScore> scores = new ArrayList<>();
        int itemsBefore = context.items().size();
        for (Benchmark benchmark : benchmarks) {
            for (Baseline baseline : baselines) {
                List<GroupScore> s = benchmark.run(context, baseline);
                long errors = s.stream().filter(g -> !g.group().equals(GroupScore.OVERALL)).mapToLong(GroupScore::errors).sum();
                long items = s.stream().filter(g -> !g.group().equals(GroupScore.OVERALL)).mapToLong(g -> g.errors() + g.count()).sum();
                if (errors > 0) {
                    LOG.warn("{} / {}: {} of {} items failed and are left out of the scores", benchmark.name(), baseline.label(), errors, items);
                }
                scores.addAll(s);
            }
        }
        List<ItemRecord> all = context.items().all();
        return new EvalResult(record.finished(clock.instant()), scores, headlines, all.subList(itemsBefore, all.size()));
    }
}
