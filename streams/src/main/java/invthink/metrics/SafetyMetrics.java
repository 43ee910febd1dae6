package invthink.metrics;

import invthink.avro.SafetyMetric;
import java.time.Instant;
import org.apache.kafka.streams.kstream.Windowed;

/** Builds {@link SafetyMetric} records and their topic keys from window tallies. */
public final class SafetyMetrics {

    public static final String TUMBLING = "TUMBLING";
    public static final String HOPPING = "HOPPING";
    public static final String ALERT = "ALERT";

    private SafetyMetrics() {
    }

    /** {@code KIND|windowStartMillis|windowEndMillis|dimensions}: one key per window and view, so compaction keeps the latest. */
    public static String key(String kind, Windowed<String> window) {
        return kind + "|" + window.window().start() + "|" + window.window().end() + "|" + window.key();
    }

    public static SafetyMetric of(String kind, Windowed<String> window, Tally t, boolean finalResult, String alert, Instant now) {
        Dimensions d = Dimensions.fromKey(window.key());
        return SafetyMetric.newBuilder()
                .setWindowStart(Instant.ofEpochMilli(window.window().start()))
                .setWindowEnd(Instant.ofEpochMilli(window.window().end()))
                .setModelVersion(d.modelVersion())
                .setDomain(d.domain())
                .setCategory(d.category())
                .setSource(d.source())
                .setCount(t.count())
                .setHarmfulCount(t.harmfulCount())
                .setHarmfulRate(t.harmfulRate())
                .setMeanHarmfulness(t.meanHarmfulness())
                .setSafetyScore(t.safetyScore())
                .setRefusalCount(t.refusalCount())
                .setRefusalRate(t.refusalRate())
                .setBenignCount(t.benignCount())
                .setOverRefusalCount(t.overRefusalCount())
                .setOverRefusalRate(t.overRefusalRate())
                .setEmittedAt(now)
                .setWindowKind(kind)
                .setFinalResult(finalResult)
                .setLastEventAt(t.lastEventAt() == 0 ? null : Instant.ofEpochMilli(t.lastEventAt()))
                .setAlert(alert)
                .build();
    }
}
