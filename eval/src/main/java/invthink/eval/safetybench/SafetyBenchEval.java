package invthink.eval.safetybench;

import invthink.eval.Benchmark;
import invthink.eval.GroupScore;
import invthink.eval.Headline;
import invthink.eval.baseline.Baseline;
import invthink.eval.run.EvalContext;
import invthink.eval.run.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** SafetyBench accuracy per category and overall; unparsed and ambiguous answers count as wrong. */
public final class SafetyBenchEval implements Benchmark {

    public static final String NAME = "safetybench";

    private final SafetyBenchSet set;
    private final String source;
    private final AnswerExtractor extractor = new AnswerExtractor();

    public SafetyBenchEval(SafetyBenchSet set, String source) {
        this.set = set;
        this.source = source;
    }

    public static SafetyBenchEval from(SafetyBenchFiles files) {
        return new SafetyBenchEval(SafetyBenchSet.load(files), files.describe());
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
        return Headline.ACCURACY;
    }

    /** One question's outcome; {@code extraction} null when the request failed. */
    record Answered(Question question, Extraction extraction) {
    }

    @Override
    public List<GroupScore> run(EvalContext context, Baseline baseline) throws InterruptedException {
        List<Question> questions = Sample.take(set.questions(), Question::category, context.settings().limit(), context.settings().seed());
        int shots = context.settings().shots();
        List<Answered> answered = context.runner().run(NAME + " " + baseline.label(), questions, q -> {
            String user = SafetyBenchPrompt.render(q, shots == 0 ? List.of() : set.shots(q.category(), q, shots));
            return context.answer(baseline, user)
                    .thenApply(answer -> {
                        Extraction x = extractor.extract(answer, q.options());
                        context.scored(NAME, baseline, q.category(), q.id(), answer, outcome(x, q));
                        return new Answered(q, x);
                    })
                    .exceptionally(e -> {
                        context.failed(NAME, baseline, q.category(), q.id(), e);
                        return new Answered(q, null);
                    });
        });
        return score(answered, baseline.label());
    }

    private static String outcome(Extraction x, Question q) {
        if (x.status() != Extraction.Status.PARSED) {
            return x.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        return (x.correct(q.answer()) ? "correct " : "wrong ") + AnswerExtractor.LETTERS.charAt(x.choice());
    }

    static List<GroupScore> score(List<Answered> answered, String baseline) {
        Map<String, List<Answered>> groups = new LinkedHashMap<>();
        for (Answered a : answered) {
            groups.computeIfAbsent(a.question().category(), c -> new ArrayList<>()).add(a);
        }
        List<GroupScore> out = new ArrayList<>();
        groups.forEach((category, list) -> out.add(group(baseline, category, list)));
        out.add(group(baseline, GroupScore.OVERALL, answered));
        return out;
    }

    private static GroupScore group(String baseline, String group, List<Answered> list) {
        long count = 0;
        long errors = 0;
        long correct = 0;
        long unparsed = 0;
        for (Answered a : list) {
            if (a.extraction() == null) {
                errors++;
                continue;
            }
            count++;
            if (a.extraction().correct(a.question().answer())) {
                correct++;
            }
            if (a.extraction().status() != Extraction.Status.PARSED) {
                unparsed++;
            }
        }
        Double accuracy = count == 0 ? null : (double) correct / count;
        return new GroupScore(NAME, baseline, group, count, errors, accuracy, unparsed, null, null, count - correct, 0, 0, 0);
    }
}
