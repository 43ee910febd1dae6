package invthink.enrich;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;

/**
 * The enrichment stage's instruments in {@code PrometheusRegistry.defaultRegistry}. One set per
 * process (a registry refuses a name twice), shared by every enricher instance in it.
 */
final class EnrichMetrics {

    private static EnrichMetrics instance;

    final Gauge inFlight;
    final Gauge paused;
    final Counter completed;
    final Histogram latency;
    final Counter tokens;
    final Counter failures;
    final Counter cacheHits;

    private EnrichMetrics() {
        inFlight = Gauge.builder().name("invthink_enrich_in_flight")
                .help("Teacher calls currently in flight").register();
        paused = Gauge.builder().name("invthink_enrich_paused")
                .help("1 while consumption is paused because the teacher looks down").register();
        completed = Counter.builder().name("invthink_enrich_completed_total")
                .help("Prompts finished, by outcome (trace, dead_letter, duplicate)").labelNames("outcome").register();
        latency = Histogram.builder().name("invthink_enrich_teacher_latency_seconds")
                .help("Latency of successful teacher answers, repair round included")
                .classicUpperBounds(0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120).register();
        tokens = Counter.builder().name("invthink_enrich_teacher_tokens_total")
                .help("Tokens reported by the teacher endpoint").labelNames("direction").register();
        failures = Counter.builder().name("invthink_enrich_failures_total")
                .help("Teacher and input failures, by class").labelNames("class").register();
        cacheHits = Counter.builder().name("invthink_enrich_cache_hits_total")
                .help("Teacher calls saved by the answer cache, by kind (answer, duplicate)").labelNames("kind").register();
    }

    static synchronized EnrichMetrics get() {
        if (instance == null) {
            instance = new EnrichMetrics();
        }
        return instance;
    }
}
