package invthink.dashboard.view;

import invthink.avro.SafetyMetric;

/**
 * One {@link SafetyMetric} window as the page plots it. A null dimension aggregates over all of
 * its values; a later point for the same window and dimensions supersedes an earlier one.
 */
public record MetricPoint(long windowStart, long windowEnd, String modelVersion, String domain, String category,
                          String source, long count, long harmfulCount, double harmfulRate, double meanHarmfulness,
                          double safetyScore, long refusalCount, double refusalRate, long emittedAt) {

    public static MetricPoint of(SafetyMetric m) {
        return new MetricPoint(m.getWindowStart().toEpochMilli(), m.getWindowEnd().toEpochMilli(),
                m.getModelVersion(), m.getDomain(), m.getCategory(), m.getSource(), m.getCount(),
                m.getHarmfulCount(), finite(m.getHarmfulRate()), finite(m.getMeanHarmfulness()),
                finite(m.getSafetyScore()), m.getRefusalCount(), finite(m.getRefusalRate()),
                m.getEmittedAt().toEpochMilli());
    }

    /** The window and dimensions: the identity under which later updates replace this point. */
    public String key() {
        return windowStart + "|" + windowEnd + "|" + modelVersion + "|" + domain + "|" + category + "|" + source;
    }

    /** Dimensions only, without the window: one line on a chart. */
    public String seriesKey() {
        return modelVersion + "|" + domain + "|" + category + "|" + source;
    }

    // JSON has no NaN: an empty window's 0/0 rate is shown as 0 rather than breaking the stream.
    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
