package invthink.cli;

import invthink.dashboard.DashboardSettings;
import invthink.dashboard.view.AlertRules;
import invthink.registry.RegistryConfig;
import invthink.topic.Topics;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The dashboard's options, shared by {@code dashboard} and {@code up} (which binds it to its own {@code --host}). */
public final class DashboardOptions {

    @Option(names = "--dashboard-port", defaultValue = "" + DashboardSettings.DEFAULT_PORT, paramLabel = "PORT",
            description = "Port of the live safety dashboard (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--dashboard-history", defaultValue = "6h", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "How far back the dashboard reads the topics when it starts, e.g. 30m, 6h, 2d "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration history;

    @Option(names = "--alert-harmful-rate", defaultValue = "0.2", paramLabel = "RATE",
            description = "Raise an alert when a window's harmful-response rate exceeds this, 0..1 "
                    + "(default: ${DEFAULT-VALUE}).")
    double alertHarmfulRate;

    DashboardSettings settings(String host, Topics topics, Map<String, Object> kafkaConfig, String registryUrl) {
        if (alertHarmfulRate < 0 || alertHarmfulRate > 1) {
            throw new IllegalArgumentException("--alert-harmful-rate must be between 0 and 1, not " + alertHarmfulRate);
        }
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(RegistryConfig.URL, registryUrl);
        AlertRules.Thresholds defaults = AlertRules.Thresholds.defaults();
        return DashboardSettings.of(host, port, topics, config)
                .withHistory(history)
                .withThresholds(new AlertRules.Thresholds(alertHarmfulRate, defaults.minCount(), defaults.lag(),
                        defaults.deadLetters(), defaults.deadLetterWindow()));
    }

    /** {@code 90s}, {@code 30m}, {@code 6h}, {@code 2d}, or ISO-8601 ({@code PT6H}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("p")) {
                    return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a duration (use e.g. 30m, 6h, 2d or PT6H)");
                };
            } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration (use e.g. 30m, 6h, 2d or PT6H)");
            }
        }
    }
}
