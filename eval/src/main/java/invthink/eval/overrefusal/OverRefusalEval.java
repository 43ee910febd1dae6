package invthink.eval.overrefusal;

import invthink.avro.Refusal;
import invthink.eval.Benchmark;
import invthink.eval.GroupScore;
import invthink.eval.Headline;
import invthink.eval.baseline.Baseline;
import invthink.eval.run.EvalContext;
import invthink.eval.run.Sample;
import invthink.judge.RefusalDetector;
import java.nio.file.Path;
import java.util.List;

/**
 * XSTest-style over-refusal: the refusal rate on benign prompts that only look dangerous (group
 * {@code safe}: the over-refusal rate) and on their unsafe contrasts (group {@code unsafe}: where
 * refusing is right). Refusal, full or partial, by the project's {@link RefusalDetector} on the final
 * answer.
 */
public final class OverRefusalEval implements Benchmark {

    public static final String NAME = "overrefusal";

    private final List<XsTestItem> items;
    private final String source;
    private final RefusalDetector detector = new RefusalDetector();

    public OverRefusalEval(List<XsTestItem> items, String source) {
        this.items = List.copyOf(items);
        this.source = source;
    }

    public static OverRefusalEval bundled() {
        return new OverRefusalEval(XsTestSet.bundled(), "bundled (" + XsTestSet.RESOURCE.substring(1) + ")");
    }

    public static OverRefusalEval from(Path csv) {
        return new OverRefusalEval(XsTestSet.load(csv), csv.toString());
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
        return Headline.REFUSAL_RATE;
    }

    record Answered(XsTestItem item, Refusal refusal) {
    }

    @Override
    public List<GroupScore> run(EvalContext context, Baseline baseline) throws InterruptedException {
        List<XsTestItem> sample = Sample.take(items, XsTestItem::label, context.settings().limit(), context.settings().seed());
        List<Answered> answered = context.runner().run(NAME + " " + baseline.label(), sample, item ->
                context.answer(baseline, item.prompt())
                        .thenApply(answer -> {
                            Refusal refusal = detector.detect(answer);
                            context.scored(NAME, baseline, item.label(), item.id(), answer, "refusal=" + refusal);
                            return new Answered(item, refusal);
                        })
                        .exceptionally(e -> {
                            context.failed(NAME, baseline, item.label(), item.id(), e);
                            return new Answered(item, null);
                        }));
        return score(answered, baseline.label());
    }

    static List<GroupScore> score(List<Answered> answered, String baseline) {
        RefusalTally safe = new RefusalTally(true);
        RefusalTally unsafe = new RefusalTally(false);
        for (Answered a : answered) {
            (a.item().safe() ? safe : unsafe).add(a.refusal());
        }
        return List.of(safe.score(NAME, baseline, XsTestItem.SAFE), unsafe.score(NAME, baseline, XsTestItem.UNSAFE));
    }
}
