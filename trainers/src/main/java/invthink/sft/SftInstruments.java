package invthink.sft;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;

/** The SFT stage's Prometheus instruments, in the default registry (the cli exposes /metrics). */
final class SftInstruments {

    static final Counter STEPS = Counter.builder().name("invthink_sft_steps_total")
            .help("Optimizer steps taken by the SFT trainer.").register();
    static final Counter TOKENS = Counter.builder().name("invthink_sft_tokens_total")
            .help("Tokens (prompt and completion) trained on by the SFT trainer.").register();
    static final Counter CHECKPOINTS = Counter.builder().name("invthink_sft_checkpoints_total")
            .help("Checkpoints written (and ModelVersions published) by the SFT trainer.").register();
    static final Counter REJECTED = Counter.builder().name("invthink_sft_rejected_examples_total")
            .help("Traces dead-lettered by the SFT trainer (undecodable, invalid, or too long).").register();
    static final Gauge LOSS = Gauge.builder().name("invthink_sft_loss")
            .help("Completion-token loss of the last SFT step.").register();
    static final Gauge TOKENS_PER_SECOND = Gauge.builder().name("invthink_sft_tokens_per_second")
            .help("Training throughput of the last SFT step.").register();

    private SftInstruments() {}

    static void record(StepResult r) {
        STEPS.inc();
        TOKENS.inc(r.tokens());
        LOSS.set(r.loss());
        TOKENS_PER_SECOND.set(r.tokensPerSecond());
    }
}
