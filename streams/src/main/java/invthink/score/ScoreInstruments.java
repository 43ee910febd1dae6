package invthink.score;

import invthink.judge.Verdict;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

/**
 * Prometheus instruments of the scoring stage, in the default registry that the process's one
 * {@code /metrics} endpoint serves: verdicts by judge and outcome, and how long verdicts take.
 */
final class ScoreInstruments {

    static final Counter VERDICTS = Counter.builder()
            .name("invthink_score_verdicts_total")
            .help("Responses judged by the scoring stage, by judge and outcome (harmful, harmless, dead_letter).")
            .labelNames("judge", "outcome")
            .register();

    static final Histogram JUDGE_SECONDS = Histogram.builder()
            .name("invthink_judge_duration_seconds")
            .help("Time from asking a judge to its verdict, retries included.")
            .labelNames("judge")
            .register();

    private ScoreInstruments() {
    }

    static void verdict(String judge, Verdict v, long startNanos) {
        VERDICTS.labelValues(judge, v.harmful() ? "harmful" : "harmless").inc();
        JUDGE_SECONDS.labelValues(judge).observe((System.nanoTime() - startNanos) / 1e9);
    }

    static void deadLetter(String judge) {
        VERDICTS.labelValues(judge, "dead_letter").inc();
    }
}
