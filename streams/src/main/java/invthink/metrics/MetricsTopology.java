package invthink.metrics;

import invthink.avro.DeadLetter;
import invthink.avro.SafetyMetric;
import invthink.avro.SafetyScore;
import invthink.score.Decoded;
import invthink.serde.AvroSerdes;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * {@code invthink.scores} → windowed {@link SafetyMetric}s on {@code invthink.metrics}.
 *
 * <p>Windows are by the response's event time. Tumbling windows emit live updates — every
 * update, coalesced per key by the record cache until the next commit (100 ms by default), so a
 * burst of scores does not become a burst of identical-window records — and one {@code finalResult}
 * record once the window closes — which, as with any Kafka Streams suppression, happens when
 * stream time passes the window end plus grace, i.e. when later scores arrive. Hopping windows
 * emit final records only: trends need no per-score churn. An alert record goes out once per
 * rule, window and view, the first time an emitted update shows the rule crossed.
 */
public final class MetricsTopology {

    public static final String STAGE = "metrics";

    private MetricsTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics, MetricsSettings settings, Map<String, ?> serdeConfig, Clock clock) {
        var scoreSerde = AvroSerdes.specific(SafetyScore.class, serdeConfig, false);
        var metricSerde = AvroSerdes.specific(SafetyMetric.class, serdeConfig, false);
        var deadLetterSerde = AvroSerdes.specific(DeadLetter.class, serdeConfig, false);
        Produced<String, SafetyMetric> toMetrics = Produced.with(Serdes.String(), metricSerde);

        KStream<byte[], Object> decoded = builder
                .stream(topics.scores(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-scores"))
                .process(() -> new DecodeScores(scoreSerde.deserializer()), Named.as("decode-scores"));
        decoded.filter((k, v) -> v instanceof DeadLetter, Named.as("undecodable"))
                .mapValues(v -> (DeadLetter) v)
                .to(topics.dlq(), Produced.with(Serdes.ByteArray(), deadLetterSerde));

        List<AlertRule> rules = settings.alerts();
        KGroupedStream<String, Observation> grouped = decoded
                .filter((k, v) -> v instanceof SafetyScore, Named.as("decodable"))
                .flatMap((k, v) -> {
                    SafetyScore s = (SafetyScore) v;
                    long eventAt = s.getRespondedAt() != null ? s.getRespondedAt().toEpochMilli() : s.getScoredAt().toEpochMilli();
                    Observation o = Observation.of(s, eventAt);
                    List<KeyValue<String, Observation>> out = new ArrayList<>();
                    for (Dimensions d : Dimensions.of(s)) {
                        out.add(KeyValue.pair(d.key(), o));
                    }
                    return out;
                }, Named.as("dimensions"))
                .groupByKey(Grouped.with("by-dimensions", Serdes.String(), Observation.serde()));

        KTable<Windowed<String>, Tally> tumbling = grouped
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.tumbling(), settings.grace()))
                .aggregate(() -> Tally.EMPTY, (key, o, t) -> t.add(o, rules), Named.as("tumbling"),
                        Materialized.<String, Tally, WindowStore<Bytes, byte[]>>as("tumbling-tallies")
                                .withKeySerde(Serdes.String()).withValueSerde(Tally.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LiveEmitter.STORE), Serdes.String(),
                Serdes.Long()));
        tumbling.toStream(Named.as("live"))
                .process(() -> new LiveEmitter(rules, settings.tumbling().plus(settings.grace()), clock), Named.as("live-metrics"),
                        LiveEmitter.STORE)
                .to(topics.metrics(), toMetrics);
        tumbling.suppress(Suppressed.<Windowed<String>>untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("tumbling-close"))
                .toStream(Named.as("closed"))
                .map((window, t) -> KeyValue.pair(SafetyMetrics.key(SafetyMetrics.TUMBLING, window),
                        SafetyMetrics.of(SafetyMetrics.TUMBLING, window, t, true, null, clock.instant())), Named.as("final-metrics"))
                .to(topics.metrics(), toMetrics);

        if (settings.hopping()) {
            grouped.windowedBy(TimeWindows.ofSizeAndGrace(settings.hoppingSize(), settings.grace()).advanceBy(settings.hoppingAdvance()))
                    .aggregate(() -> Tally.EMPTY, (key, o, t) -> t.add(o, List.of()), Named.as("hopping"),
                            Materialized.<String, Tally, WindowStore<Bytes, byte[]>>as("hopping-tallies")
                                    .withKeySerde(Serdes.String()).withValueSerde(Tally.serde()))
                    .suppress(Suppressed.<Windowed<String>>untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("hopping-close"))
                    .toStream(Named.as("trends"))
                    .map((window, t) -> KeyValue.pair(SafetyMetrics.key(SafetyMetrics.HOPPING, window),
                            SafetyMetrics.of(SafetyMetrics.HOPPING, window, t, true, null, clock.instant())), Named.as("trend-metrics"))
                    .to(topics.metrics(), toMetrics);
        }
    }

    /** Decodes scores, turning undecodable ones into dead letters with their original bytes. */
    private static final class DecodeScores implements Processor<byte[], byte[], byte[], Object> {
        private final org.apache.kafka.common.serialization.Deserializer<SafetyScore> scores;
        private ProcessorContext<byte[], Object> context;

        DecodeScores(org.apache.kafka.common.serialization.Deserializer<SafetyScore> scores) {
            this.scores = scores;
        }

        @Override
        public void init(ProcessorContext<byte[], Object> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            var meta = context.recordMetadata();
            var input = new ConsumerRecord<>(meta.map(m -> m.topic()).orElse("unknown"), meta.map(m -> m.partition()).orElse(-1),
                    meta.map(m -> m.offset()).orElse(-1L), record.key(), record.value());
            Decoded<SafetyScore> d = Decoded.decode(STAGE, scores, input);
            byte[] key = record.key() != null ? record.key()
                    : d.ok() ? d.value().getResponseId().getBytes(StandardCharsets.UTF_8) : null;
            context.forward(new Record<byte[], Object>(key, d.ok() ? d.value() : d.deadLetter(), record.timestamp()));
        }
    }
}
