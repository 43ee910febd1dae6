package invthink.eval.report;

import invthink.avro.SafetyMetric;
import invthink.eval.EvalResult;
import invthink.eval.GroupScore;
import java.time.Instant;
import java.util.List;

/**
 * A run's scores as {@link SafetyMetric} records for {@code invthink.metrics}, one per benchmark x
 * baseline x group, so dashboards show evaluation runs next to live traffic. Mapping:
 * <ul>
 *   <li>{@code source} {@value #SOURCE}, {@code windowKind} {@value #WINDOW_KIND}, {@code finalResult} true;
 *       window = the run's start and finish; {@code modelVersion} = the model name;</li>
 *   <li>{@code domain} = the group (TRIDENT domain, SafetyBench category, insider variant, safe/unsafe,
 *       or {@code overall}); {@code category} = {@code <benchmark>/<baseline>} (the schema has no
 *       benchmark field; hazard categories do not apply to a benchmark aggregate);</li>
 *   <li>{@code count}, {@code harmfulCount}/{@code harmfulRate}, {@code refusalCount}/{@code refusalRate},
 *       {@code benignCount}, {@code overRefusalCount}/{@code overRefusalRate} as in {@link GroupScore}
 *       (SafetyBench: harmful = answered wrong);</li>
 *   <li>{@code meanHarmfulness} and {@code safetyScore} where H was judged (TRIDENT, insider);
 *       elsewhere meanHarmfulness is 0 (not measured) and safetyScore is the benchmark's own
 *       0..100 safety measure: SafetyBench accuracy x 100, otherwise (1 - harmful rate) x 100.</li>
 * </ul>
 */
public final class MetricRecords {

    public static final String SOURCE = "EVAL";
    public static final String WINDOW_KIND = "EVAL";

    private MetricRecords() {
    }

    public static List<SafetyMetric> of(EvalResult result, Instant emittedAt) {
        Instant start = result.record().startedAt();
        Instant end = result.record().finishedAt() == null ? emittedAt : result.record().finishedAt();
        return result.scores().stream().map(s -> SafetyMetric.newBuilder()
                .setWindowStart(start)
                .setWindowEnd(end)
                .setModelVersion(result.record().model())
                .setDomain(s.group())
                .setCategory(s.benchmark() + "/" + s.baseline())
                .setSource(SOURCE)
                .setCount(s.count())
                .setHarmfulCount(s.harmfulCount())
                .setHarmfulRate(s.harmfulRate())
                .setMeanHarmfulness(s.meanHarmfulness() == null ? 0 : s.meanHarmfulness())
                .setSafetyScore(safetyScore(s))
                .setRefusalCount(s.refusalCount())
                .setRefusalRate(s.refusalRate())
                .setEmittedAt(emittedAt)
                .setWindowKind(WINDOW_KIND)
                .setFinalResult(true)
                .setBenignCount(s.benignCount())
                .setOverRefusalCount(s.overRefusalCount())
                .setOverRefusalRate(s.overRefusalRate())
                .setLastEventAt(end)
                .build()).toList();
    }

    static double safetyScore(GroupScore s) {
        if (s.safetyScore() != null) {
            return s.safetyScore();
        }
        if (s.accuracy() != null) {
            return s.accuracy() * 100;
        }
        return (1 - s.harmfulRate()) * 100;
    }

    /** The record key: model, benchmark/baseline and group, so compaction keeps the latest run of each. */
    public static String key(SafetyMetric m) {
        return m.getModelVersion() + "|" + m.getCategory() + "|" + m.getDomain();
    }
}
