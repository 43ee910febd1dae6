package invthink.metrics;

import invthink.avro.SafetyMetric;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns live window updates into metric records, plus one alert record per rule, window and view.
 *
 * <p>The tally remembers which rules have crossed; this processor remembers which of those it has
 * announced, in a changelogged store, so an alert is neither repeated on later updates nor lost
 * when the record cache folds the crossing update into a later one. Entries of windows past
 * their grace are swept on stream time.
 */
final class LiveEmitter implements Processor<Windowed<String>, Tally, String, SafetyMetric> {

    static final String STORE = "announced-alerts";

    private final List<AlertRule> rules;
    private final Duration retention;
    private final Clock clock;
    private ProcessorContext<String, SafetyMetric> context;
    private KeyValueStore<String, Long> announced;

    LiveEmitter(List<AlertRule> rules, Duration retention, Clock clock) {
        this.rules = rules;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, SafetyMetric> context) {
        this.context = context;
        this.announced = context.getStateStore(STORE);
        context.schedule(retention, PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<Windowed<String>, Tally> record) {
        Windowed<String> window = record.key();
        Tally t = record.value();
        if (window == null || t == null) {
            return;
        }
        var now = clock.instant();
        context.forward(record.withKey(SafetyMetrics.key(SafetyMetrics.TUMBLING, window))
                .withValue(SafetyMetrics.of(SafetyMetrics.TUMBLING, window, t, false, null, now)));
        if (t.firedAlerts() == 0) {
            return;
        }
        String key = SafetyMetrics.key(SafetyMetrics.ALERT, window);
        Long done = announced.get(key);
        long fresh = t.firedAlerts() & ~(done == null ? 0L : done);
        if (fresh == 0) {
            return;
        }
        for (int i = 0; i < rules.size() && i < Long.SIZE; i++) {
            if ((fresh & (1L << i)) != 0) {
                context.forward(record.withKey(key + "|" + rules.get(i).rate())
                        .withValue(SafetyMetrics.of(SafetyMetrics.ALERT, window, t, false, rules.get(i).describe(t), now)));
            }
        }
        announced.put(key, t.firedAlerts());
    }

    /** Forgets windows whose end lies more than the retention behind stream time. */
    private void sweep(long streamTime) {
        List<String> expired = new ArrayList<>();
        try (var all = announced.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> e = all.next();
                String[] parts = e.key.split("\\|", 4);
                if (parts.length >= 3 && Long.parseLong(parts[2]) < streamTime - retention.toMillis()) {
                    expired.add(e.key);
                }
            }
        }
        expired.forEach(announced::delete);
    }
}
