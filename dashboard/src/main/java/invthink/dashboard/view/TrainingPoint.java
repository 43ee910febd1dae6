package invthink.dashboard.view;

/**
 * One number on a training curve (SFT loss, GRPO reward or KL, ...), at an optimizer step.
 * Today these come from {@code ModelVersion.metrics} at each checkpoint; a training-metrics
 * topic would feed the same points at every logged step.
 */
public record TrainingPoint(String run, String phase, long step, String name, double value, long time) {

    /** The curve this point belongs to. */
    public String key() {
        return run + "|" + phase + "|" + name + "|" + step;
    }
}
