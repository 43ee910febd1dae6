package invthink.grpo;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import java.util.Map;

/**
 * The GRPO learner's Prometheus instruments, in the default registry (the cli exposes /metrics).
 * TRL's metric names hold slashes, which Prometheus names may not, so every update metric is
 * one gauge labelled by its TRL name: {@code invthink_grpo_metric{metric="rewards/safety/mean"}}.
 */
final class GrpoInstruments {

    static final Gauge METRIC = Gauge.builder().name("invthink_grpo_metric")
            .help("The last GRPO update's metrics, labelled by TRL name (reward, kl, completions/mean_length, ...).")
            .labelNames("metric").register();
    static final Counter UPDATES = Counter.builder().name("invthink_grpo_updates_total")
            .help("Optimizer updates made by the GRPO learner.").register();
    static final Counter SKIPPED = Counter.builder().name("invthink_grpo_skipped_updates_total")
            .help("GRPO updates skipped because every advantage was 0 (no signal).").register();
    static final Counter STALE = Counter.builder().name("invthink_grpo_stale_groups_total")
            .help("Rollout groups dropped as older than --max-staleness policy versions.").register();
    static final Counter VERSIONS = Counter.builder().name("invthink_grpo_versions_total")
            .help("Checkpoints written (and ModelVersions published) by the GRPO learner.").register();

    private GrpoInstruments() {}

    static void record(Map<String, Double> metrics) {
        UPDATES.inc();
        metrics.forEach((name, v) -> {
            if (v != null && Double.isFinite(v)) METRIC.labelValues(name).set(v);
        });
    }
}
