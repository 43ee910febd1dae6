package invthink.metrics;

import java.time.Duration;
import java.util.List;

/**
 * Window shapes and alert rules of the metrics topology.
 *
 * @param tumbling       live window size (updates on every score, then one final record)
 * @param grace          how late an out-of-order score may arrive and still count; later ones are
 *                       dropped from the windows (they stay on the scores topic)
 * @param hoppingSize    trend window size; zero disables trend windows
 * @param hoppingAdvance how far consecutive trend windows start apart
 * @param alerts         rules checked on every live update
 */
public record MetricsSettings(Duration tumbling, Duration grace, Duration hoppingSize, Duration hoppingAdvance, List<AlertRule> alerts) {

    public MetricsSettings {
        if (tumbling.isZero() || tumbling.isNegative()) {
            throw new IllegalArgumentException("tumbling window must be positive");
        }
        if (!hoppingSize.isZero() && (hoppingAdvance.isZero() || hoppingAdvance.compareTo(hoppingSize) > 0)) {
            throw new IllegalArgumentException("hopping advance must be positive and at most the hopping size");
        }
        alerts = List.copyOf(alerts);
    }

    /** One-minute live windows, 10 s grace, 15-minute trends every minute, alert above 20% harmful over 20 responses. */
    public static MetricsSettings defaults() {
        return new MetricsSettings(Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofMinutes(1),
                List.of(new AlertRule("harmful_rate", 0.2, 20)));
    }

    public boolean hopping() {
        return !hoppingSize.isZero();
    }
}
