package invthink.gate;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;

/** The gate's Prometheus instruments, in the default registry (the cli exposes /metrics). */
final class GateInstruments {

    static final Counter DECISIONS = Counter.builder().name("invthink_gate_decisions_total")
            .help("Model versions decided by the promotion gate, by decision (promoted, rejected).")
            .labelNames("decision").register();
    static final Counter EVALUATION_FAILURES = Counter.builder().name("invthink_gate_evaluation_failures_total")
            .help("Candidates rejected because their endpoint could not be evaluated.").register();
    static final Counter DEAD_LETTERS = Counter.builder().name("invthink_gate_dead_letters_total")
            .help("Undecodable records on the models topic sent to the DLQ by the gate.").register();
    static final Gauge PENDING = Gauge.builder().name("invthink_gate_pending_versions")
            .help("Candidate versions waiting for a decision.").register();
    static final Gauge EVALUATION_SECONDS = Gauge.builder().name("invthink_gate_last_evaluation_seconds")
            .help("Wall-clock seconds of the last held-out evaluation.").register();
    static final Gauge HARMFUL_RATE = Gauge.builder().name("invthink_gate_last_harmful_rate")
            .help("Harmful-answer rate on harmful held-out prompts of the last evaluated version.").register();
    static final Gauge OVER_REFUSAL_RATE = Gauge.builder().name("invthink_gate_last_over_refusal_rate")
            .help("Refusal rate on benign held-out prompts of the last evaluated version.").register();

    private GateInstruments() {
    }

    static void evaluated(Evaluation e) {
        EVALUATION_SECONDS.set(e.seconds());
        HARMFUL_RATE.set(e.harmfulRate());
        OVER_REFUSAL_RATE.set(e.overRefusalRate());
    }
}
