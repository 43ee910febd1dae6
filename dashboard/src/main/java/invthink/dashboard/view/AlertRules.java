package invthink.dashboard.view;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what the view sees into active alerts: a harmful-response rate over its threshold in the
 * latest window of a series, a consumer group lagging too far, a burst of dead letters from one
 * stage. An alert stays active, with its first-seen time, until its condition clears.
 *
 * <p>Not thread-safe: the view calls it under its own lock.
 */
public final class AlertRules {

    /**
     * @param harmfulRate   alert when a window's harmful rate exceeds this (0..1)
     * @param minCount      ignore windows with fewer scored responses (too noisy to page anyone)
     * @param lag           alert when a consumer group lags by more records than this
     * @param deadLetters   alert when one stage dead-letters at least this many inputs ...
     * @param deadLetterWindow ... within this time
     */
    public record Thresholds(double harmfulRate, long minCount, long lag, int deadLetters, Duration deadLetterWindow) {
        public static Thresholds defaults() {
            return new Thresholds(0.2, 10, 10_000, 10, Duration.ofMinutes(5));
        }
    }

    private final Thresholds thresholds;
    private final Map<String, Alert> active = new LinkedHashMap<>();
    private final Map<String, Long> latestWindow = new HashMap<>();
    private final Map<String, Deque<Long>> deadLetterTimes = new HashMap<>();

    public AlertRules(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    /** True when the set of active alerts changed. */
    boolean onMetric(MetricPoint p, long now) {
        // Per-category series would page once per hazard; the rollups over categories are enough.
        if (p.category() != null) {
            return false;
        }
        String series = p.seriesKey();
        Long latest = latestWindow.get(series);
        if (latest != null && p.windowStart() < latest) {
            return false;
        }
        latestWindow.put(series, p.windowStart());
        String id = "harmful-rate|" + series;
        boolean over = p.count() >= thresholds.minCount() && p.harmfulRate() > thresholds.harmfulRate();
        if (!over) {
            return active.remove(id) != null;
        }
        String title = String.format(Locale.ROOT, "Harmful rate %.1f%% > %.1f%%", 100 * p.harmfulRate(),
                100 * thresholds.harmfulRate());
        String detail = String.format(Locale.ROOT, "%s — %d of %d responses harmful in the window starting %s",
                describe(p), p.harmfulCount(), p.count(), java.time.Instant.ofEpochMilli(p.windowStart()));
        return raise(id, "critical", title, detail, now);
    }

    boolean onLag(Throughput t, long now) {
        boolean changed = false;
        List<String> lagging = new ArrayList<>();
        for (Throughput.GroupLag g : t.groups()) {
            String id = "lag|" + g.group();
            if (g.lag() > thresholds.lag()) {
                lagging.add(id);
                changed |= raise(id, "warning", "Consumer group " + g.group() + " lags " + g.lag() + " records",
                        "over the threshold of " + thresholds.lag() + " on " + String.join(", ", g.topics()), now);
            }
        }
        changed |= active.keySet().removeIf(id -> id.startsWith("lag|") && !lagging.contains(id));
        return changed;
    }

    boolean onDeadLetter(DeadLetterEntry d, long now) {
        Deque<Long> times = deadLetterTimes.computeIfAbsent(d.stage(), s -> new ArrayDeque<>());
        times.addLast(d.time());
        return evaluateDeadLetters(now);
    }

    /** Expires time-bound conditions; call periodically. */
    boolean tick(long now) {
        return evaluateDeadLetters(now);
    }

    private boolean evaluateDeadLetters(long now) {
        long from = now - thresholds.deadLetterWindow().toMillis();
        boolean changed = false;
        for (Map.Entry<String, Deque<Long>> e : deadLetterTimes.entrySet()) {
            Deque<Long> times = e.getValue();
            times.removeIf(t -> t < from);
            String id = "dead-letters|" + e.getKey();
            if (times.size() >= thresholds.deadLetters()) {
                changed |= raise(id, "warning", "Stage " + e.getKey() + " dead-lettered " + times.size() + " inputs",
                        "in the last " + thresholds.deadLetterWindow().toMinutes() + " min; see dead letters by reason", now);
            } else {
                changed |= active.remove(id) != null;
            }
        }
        deadLetterTimes.values().removeIf(Deque::isEmpty);
        return changed;
    }

    private boolean raise(String id, String severity, String title, String detail, long now) {
        Alert previous = active.get(id);
        Alert next = new Alert(id, severity, title, detail, previous == null ? now : previous.since());
        active.put(id, next);
        return !next.equals(previous);
    }

    public List<Alert> active() {
        List<Alert> list = new ArrayList<>(active.values());
        list.sort(Comparator.comparing(Alert::severity).thenComparing(Alert::since));
        return list;
    }

    private static String describe(MetricPoint p) {
        List<String> parts = new ArrayList<>();
        parts.add("model " + (p.modelVersion() == null ? "all" : p.modelVersion()));
        parts.add("domain " + (p.domain() == null ? "all" : p.domain()));
        if (p.source() != null) {
            parts.add("source " + p.source());
        }
        return String.join(", ", parts);
    }
}
