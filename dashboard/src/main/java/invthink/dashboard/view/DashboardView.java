package invthink.dashboard.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.avro.DeadLetter;
import invthink.avro.ModelVersion;
import invthink.avro.Response;
import invthink.avro.SafetyMetric;
import invthink.avro.SafetyScore;
import invthink.dashboard.live.EventLog;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's state: a bounded fold of the topics. Each accepted change is published on the
 * {@link EventLog} under the same lock that guards the state, so a {@link #snapshot()} and the
 * events after its id never overlap or leave a gap.
 */
public final class DashboardView {

    public static final String METRIC = "metric";
    public static final String MODEL = "model";
    public static final String TRAINING = "training";
    public static final String DEAD_LETTER = "deadLetter";
    public static final String FLAGGED = "flagged";
    public static final String THROUGHPUT = "throughput";
    public static final String ALERTS = "alerts";

    private final EventLog log;
    private final Limits limits;
    private final AlertRules alerts;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    private final Map<String, MetricPoint> metrics = new LinkedHashMap<>();
    private final Map<String, ModelEntry> models = new LinkedHashMap<>();
    private final Map<String, TrainingPoint> training = new LinkedHashMap<>();
    private final ArrayDeque<DeadLetterEntry> deadLetters = new ArrayDeque<>();
    private final Map<String, Snapshot.DeadLetterCount> deadLetterCounts = new LinkedHashMap<>();
    private final Map<String, FlaggedResponse> flagged = new LinkedHashMap<>();
    private final Map<String, Response> responses = new LinkedHashMap<>();
    private final ArrayDeque<Throughput> throughput = new ArrayDeque<>();

    public DashboardView(EventLog log, Limits limits, AlertRules alerts, Clock clock) {
        this.log = log;
        this.limits = limits;
        this.alerts = alerts;
        this.clock = clock;
    }

    public synchronized void onMetric(SafetyMetric record) {
        MetricPoint p = MetricPoint.of(record);
        MetricPoint existing = metrics.get(p.key());
        if (existing != null && existing.emittedAt() > p.emittedAt()) {
            return; // an out-of-order older update of the same window
        }
        metrics.remove(p.key());
        metrics.put(p.key(), p);
        trim(metrics, limits.metricPoints());
        publish(METRIC, p);
        if (alerts.onMetric(p, clock.millis())) {
            publish(ALERTS, alerts.active());
        }
    }

    public synchronized void onModel(ModelVersion record) {
        ModelEntry entry = ModelEntry.of(record);
        models.remove(entry.id());
        models.put(entry.id(), entry);
        trim(models, limits.models());
        publish(MODEL, entry);
        List<TrainingPoint> points = new ArrayList<>();
        entry.metrics().forEach((name, value) -> points.add(
                new TrainingPoint(entry.id(), entry.phase(), entry.step(), name, value, entry.createdAt())));
        onTraining(points);
    }

    /** Training numbers from any source: checkpoint metrics today, a training-metrics topic later. */
    public synchronized void onTraining(List<TrainingPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        for (TrainingPoint p : points) {
            training.remove(p.key());
            training.put(p.key(), p);
        }
        trim(training, limits.trainingPoints());
        publish(TRAINING, points);
    }

    public synchronized void onDeadLetter(DeadLetter record) {
        DeadLetterEntry d = DeadLetterEntry.of(record);
        deadLetters.addLast(d);
        while (deadLetters.size() > limits.deadLetters()) {
            deadLetters.removeFirst();
        }
        String key = d.stage() + "|" + d.errorClass();
        Snapshot.DeadLetterCount c = deadLetterCounts.get(key);
        deadLetterCounts.put(key, new Snapshot.DeadLetterCount(d.stage(), d.errorClass(),
                c == null ? 1 : c.count() + 1, Math.max(d.time(), c == null ? 0 : c.lastTime())));
        publish(DEAD_LETTER, d);
        if (alerts.onDeadLetter(d, clock.millis())) {
            publish(ALERTS, alerts.active());
        }
    }

    public synchronized void onScore(SafetyScore score) {
        if (!score.getHarmful()) {
            return;
        }
        FlaggedResponse f = FlaggedResponse.of(score, responses.remove(score.getResponseId()));
        flagged.remove(f.responseId());
        flagged.put(f.responseId(), f);
        trim(flagged, limits.flagged());
        publish(FLAGGED, f);
    }

    /** Remembers recent response texts, so a flagged score can show what was said. */
    public synchronized void onResponse(Response response) {
        FlaggedResponse f = flagged.get(response.getId());
        if (f != null) {
            if (!f.hasText()) {
                FlaggedResponse withText = f.withText(response);
                flagged.put(f.responseId(), withText);
                publish(FLAGGED, withText);
            }
            return;
        }
        responses.remove(response.getId());
        responses.put(response.getId(), response);
        trim(responses, limits.responseTexts());
    }

    public synchronized void onThroughput(Throughput reading) {
        throughput.addLast(reading);
        while (throughput.size() > limits.throughputReadings()) {
            throughput.removeFirst();
        }
        publish(THROUGHPUT, reading);
        if (alerts.onLag(reading, clock.millis())) {
            publish(ALERTS, alerts.active());
        }
    }

    /** Lets time-bound alerts expire when nothing else happens. */
    public synchronized void tick() {
        if (alerts.tick(clock.millis())) {
            publish(ALERTS, alerts.active());
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(log.lastEventId(), List.copyOf(metrics.values()), models(), List.copyOf(training.values()),
                deadLetters(), List.copyOf(deadLetterCounts.values()), flagged(), List.copyOf(throughput),
                alerts.active(), settings());
    }

    /** Metric windows ending after {@code sinceMillis}, oldest window first. */
    public synchronized List<MetricPoint> metricsSince(long sinceMillis) {
        return metrics.values().stream()
                .filter(p -> p.windowEnd() > sinceMillis)
                .sorted(Comparator.comparingLong(MetricPoint::windowStart))
                .toList();
    }

    /** Model versions, oldest first. */
    public synchronized List<ModelEntry> models() {
        return models.values().stream().sorted(Comparator.comparingLong(ModelEntry::createdAt)).toList();
    }

    public synchronized List<TrainingPoint> training() {
        return List.copyOf(training.values());
    }

    /** Recent dead letters, newest first. */
    public synchronized List<DeadLetterEntry> deadLetters() {
        List<DeadLetterEntry> list = new ArrayList<>(deadLetters);
        java.util.Collections.reverse(list);
        return list;
    }

    public synchronized List<Snapshot.DeadLetterCount> deadLetterCounts() {
        return List.copyOf(deadLetterCounts.values());
    }

    /** Recent flagged responses, newest verdict first. */
    public synchronized List<FlaggedResponse> flagged() {
        return flagged.values().stream().sorted(Comparator.comparingLong(FlaggedResponse::scoredAt).reversed()).toList();
    }

    public synchronized List<Throughput> throughput() {
        return List.copyOf(throughput);
    }

    public synchronized List<Alert> alerts() {
        return alerts.active();
    }

    private Map<String, Object> settings() {
        AlertRules.Thresholds t = alerts.thresholds();
        return Map.of("alertHarmfulRate", t.harmfulRate(), "alertMinCount", t.minCount(), "alertLag", t.lag());
    }

    private void publish(String type, Object payload) {
        try {
            log.append(type, json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + type + " event", e);
        }
    }

    private static <V> void trim(Map<String, V> map, int max) {
        Iterator<String> it = map.keySet().iterator();
        for (int excess = map.size() - max; excess > 0 && it.hasNext(); excess--) {
            it.next();
            it.remove();
        }
    }
}
