package invthink.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Throughput and latency of one measured run.
 *
 * @param name        what ran
 * @param records     records moved
 * @param bytes       payload bytes moved (values only)
 * @param seconds     wall-clock duration
 * @param latencyP50Ms median per-record latency, or NaN where not measured
 * @param latencyP99Ms 99th-percentile per-record latency, or NaN where not measured
 */
public record Measurement(String name, long records, long bytes, double seconds, double latencyP50Ms, double latencyP99Ms) {

    public double recordsPerSecond() {
        return records / seconds;
    }

    public double megabytesPerSecond() {
        return bytes / seconds / 1e6;
    }

    /** Builds a measurement from per-record latencies in nanoseconds (the array is sorted in place). */
    public static Measurement of(String name, long records, long bytes, long elapsedNanos, long[] latencyNanos) {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        if (latencyNanos != null && latencyNanos.length > 0) {
            Arrays.sort(latencyNanos);
            p50 = latencyNanos[(int) Math.min(latencyNanos.length - 1, Math.round(0.50 * (latencyNanos.length - 1)))] / 1e6;
            p99 = latencyNanos[(int) Math.min(latencyNanos.length - 1, Math.round(0.99 * (latencyNanos.length - 1)))] / 1e6;
        }
        return new Measurement(name, records, bytes, elapsedNanos / 1e9, p50, p99);
    }

    String row() {
        return String.format(Locale.ROOT, "%-34s %12.0f %8.1f %10s %10s", name, recordsPerSecond(), megabytesPerSecond(),
                cell(latencyP50Ms), cell(latencyP99Ms));
    }

    static String header() {
        return String.format(Locale.ROOT, "%-34s %12s %8s %10s %10s", "RUN", "RECORDS/S", "MB/S", "P50 MS", "P99 MS");
    }

    String json() {
        return String.format(Locale.ROOT,
                "{\"name\":\"%s\",\"records\":%d,\"records_per_s\":%.1f,\"mb_per_s\":%.3f,\"p50_ms\":%s,\"p99_ms\":%s}",
                name, records, recordsPerSecond(), megabytesPerSecond(), num(latencyP50Ms), num(latencyP99Ms));
    }

    /** A table cell: two decimals, or - when not measured. */
    static String cell(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A JSON number, or null when not measured. */
    static String num(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }
}
