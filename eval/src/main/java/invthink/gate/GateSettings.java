package invthink.gate;

import invthink.avro.ModelVersion;
import invthink.topic.Topics;

/**
 * How the promotion gate runs.
 *
 * @param overRefusalMargin how far a candidate's over-refusal may rise above the reference's
 * @param limitPerKind      evaluate at most this many harmful and this many benign prompts; 0 for all
 * @param evaluation        request settings (max tokens, concurrency, seed)
 * @param baseline          the base policy, evaluated once to judge the first candidate when nothing is
 *                          promoted yet; null to promote the first candidate unconditionally
 * @param instanceId        the gate's transactional id and offsets group: a second gate with the same id
 *                          fences the first, so two gates never both decide
 */
public record GateSettings(double overRefusalMargin, int limitPerKind, HeldOutEvaluator.Settings evaluation,
                           ModelVersion baseline, String instanceId) {

    public GateSettings {
        if (limitPerKind < 0) {
            throw new IllegalArgumentException("gate limit must not be negative");
        }
        new GateRule(overRefusalMargin);
    }

    /** Defaults for a pipeline: margin 0.05, the whole held-out set, no base policy. */
    public static GateSettings defaults(Topics topics) {
        return new GateSettings(GateRule.DEFAULT_OVER_REFUSAL_MARGIN, 0, HeldOutEvaluator.Settings.defaults(), null,
                defaultInstanceId(topics));
    }

    /** One gate per models topic. */
    public static String defaultInstanceId(Topics topics) {
        return "invthink-gate." + topics.models();
    }

    public GateSettings withMargin(double margin) {
        return new GateSettings(margin, limitPerKind, evaluation, baseline, instanceId);
    }

    public GateSettings withLimit(int perKind) {
        return new GateSettings(overRefusalMargin, perKind, evaluation, baseline, instanceId);
    }

    public GateSettings withEvaluation(HeldOutEvaluator.Settings settings) {
        return new GateSettings(overRefusalMargin, limitPerKind, settings, baseline, instanceId);
    }

    public GateSettings withBaseline(ModelVersion base) {
        return new GateSettings(overRefusalMargin, limitPerKind, evaluation, base, instanceId);
    }

    public GateSettings withInstanceId(String id) {
        return new GateSettings(overRefusalMargin, limitPerKind, evaluation, baseline, id);
    }
}
