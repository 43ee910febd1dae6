package invthink.cli;

import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.TrainingPhase;
import invthink.gate.GateRule;
import invthink.gate.GateSettings;
import invthink.gate.HeldOutEvaluator;
import invthink.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Option;

/** How the promotion gate decides; mixed into {@code gate} and {@code up}. */
public final class GateOptions {

    @Option(names = "--gate-over-refusal-margin", defaultValue = "" + GateRule.DEFAULT_OVER_REFUSAL_MARGIN, paramLabel = "RATE",
            description = "How far a candidate's over-refusal rate may rise above the current promoted version's (default: ${DEFAULT-VALUE}).")
    double overRefusalMargin;

    @Option(names = "--gate-limit", defaultValue = "0", paramLabel = "N",
            description = "Evaluate at most N harmful and N benign held-out prompts per version; 0 for all 42 + 42 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--gate-max-tokens", defaultValue = "" + HeldOutEvaluator.Settings.DEFAULT_MAX_TOKENS, paramLabel = "N",
            description = "Completion tokens per held-out answer (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--gate-concurrency", defaultValue = "" + HeldOutEvaluator.Settings.DEFAULT_CONCURRENCY, paramLabel = "N",
            description = "Held-out requests open at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--gate-seed", defaultValue = "" + HeldOutEvaluator.Settings.DEFAULT_SEED, paramLabel = "N",
            description = "Seed sent with every request; answers use temperature 0 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--gate-baseline", paramLabel = "DIR|MODEL",
            description = "The base policy the first candidate must beat while nothing is promoted yet: a checkpoint directory "
                    + "(a model name when the gate evaluates an external --base-url). Without it the first candidate is promoted.")
    String baseline;

    /** @param servedHere whether checkpoints are served in this process (then the baseline is a directory) */
    GateSettings settings(Topics topics, boolean servedHere) {
        GateSettings settings = GateSettings.defaults(topics).withMargin(overRefusalMargin).withLimit(limit)
                .withEvaluation(new HeldOutEvaluator.Settings(maxTokens, concurrency, seed));
        return baseline == null ? settings : settings.withBaseline(baselineVersion(baseline, servedHere));
    }

    /** The base policy as a version the endpoints can open; it is never published. */
    static ModelVersion baselineVersion(String dirOrModel, boolean isDirectory) {
        Path dir = Path.of(dirOrModel).toAbsolutePath().normalize();
        String id = isDirectory ? dir.getFileName().toString() : dirOrModel;
        String uri = isDirectory ? dir.toUri().toString() : dirOrModel;
        return ModelVersion.newBuilder().setId(id).setParent(null).setPhase(TrainingPhase.SFT).setStep(0).setCheckpointUri(uri)
                .setMetrics(Map.of()).setStatus(ModelStatus.CANDIDATE).setReason(null).setCreatedAt(Instant.now()).build();
    }
}
