package invthink.dashboard.view;

/**
 * How much the view keeps in memory; the oldest entries go first. The defaults hold hours of
 * one-minute windows for a few hundred dimension combinations in tens of megabytes.
 */
public record Limits(int metricPoints, int models, int trainingPoints, int deadLetters, int flagged,
                     int responseTexts, int throughputReadings) {

    public static Limits defaults() {
        return new Limits(50_000, 1_000, 20_000, 500, 200, 20_000, 720);
    }
}
