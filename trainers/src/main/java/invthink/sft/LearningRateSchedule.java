package invthink.sft;

/** Linear warmup to the peak rate, then cosine decay to zero at the last step (TRL's default shape). */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps) {

    /** Schedule from a warmup ratio of the total optimizer steps. */
    public static LearningRateSchedule withWarmupRatio(double peak, double warmupRatio, long totalSteps) {
        return new LearningRateSchedule(peak, (long) Math.ceil(warmupRatio * totalSteps), Math.max(1, totalSteps));
    }

    /** Rate for optimizer step {@code step} (0-based). */
    public double at(long step) {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        long decay = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decay);
        return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
