package invthink.bench;

import invthink.avro.Response;
import invthink.avro.ResponseSource;
import invthink.avro.SafetyMetric;
import invthink.judge.Exchange;
import invthink.judge.offline.LabelledExample;
import invthink.judge.offline.LabelledSet;
import invthink.judge.offline.OfflineJudge;
import invthink.metrics.MetricsSettings;
import invthink.score.ScoreStage;
import invthink.serde.AvroSerdes;
import invthink.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The scoring stage against a plain Kafka Streams pass-through on the same broker, same input
 * and same settings (exactly-once, no record cache):
 *
 * <ol>
 *   <li>the offline judge alone, in memory;</li>
 *   <li>the pass-through, responses → another topic, bytes untouched;</li>
 *   <li>the whole scoring topology, responses → judge → scores → metric windows, until the metrics
 *       account for every response;</li>
 *   <li>event-to-metric latency: responses written at a steady rate while the stage runs, each
 *       measured from its event time to the arrival of the live metric update that counts it.</li>
 * </ol>
 * Throughput runs are timed from the first output record to the last, so start-up and rebalancing
 * are left out of both.
 */
public final class ScoreBenchmark {

    private static final Duration WAIT = Duration.ofMinutes(5);

    private final Map<String, Object> config;
    private final Topics topics;

    /** @param config client config including {@code schema.registry.url} */
    public ScoreBenchmark(Map<String, Object> config, Topics topics) {
        this.config = Map.copyOf(config);
        this.topics = topics;
    }

    /**
     * Results. The pass-through runs once before and once after the scoring topology, and the faster
     * of the two is the baseline: on a shared machine this keeps a slow moment from flattering the ratio.
     */
    public record Result(Measurement judge, Measurement baselineBefore, Measurement baselineAfter, Measurement topology,
                         Measurement latency) {
        public Measurement baseline() {
            return baselineBefore.recordsPerSecond() >= baselineAfter.recordsPerSecond() ? baselineBefore : baselineAfter;
        }

        public double ratio() {
            return topology.recordsPerSecond() / baseline().recordsPerSecond();
        }
    }

    public Result run(int records, int latencyRecords, int latencyRatePerSecond, String baselineTopic) throws InterruptedException {
        List<LabelledExample> examples = LabelledSet.bundled();
        OfflineJudge judge = OfflineJudge.bundled();
        Measurement judgeAlone = judgeAlone(judge, examples, records);

        Instant base = Instant.now();
        long bytes = produce(examples, records, 0, i -> base.plusMillis(i));

        Measurement before = passThrough(records, bytes, baselineTopic, "before");

        // Grace as long as the whole run: the benchmark counts every response, so no window may close under it
        // (repartitioning reorders event times across partitions, and latency-run times may precede the synthetic ones).
        MetricsSettings metrics = new MetricsSettings(Duration.ofMinutes(1), WAIT.multipliedBy(3), Duration.ZERO, Duration.ZERO,
                List.of());
        var settings = new ScoreStage.Settings(topics.prefix() + "bench-score", metrics, 1, Duration.ofMinutes(1));
        try (var metricsReader = new MetricsReader();
             ScoreStage stage = ScoreStage.start(new HashMap<>(config), topics, judge, settings, Clock.systemUTC())) {
            Measurement topology = metricsReader.awaitTotal(records, "topology: score + metrics (offline judge)", bytes);
            // Latency: fresh responses at a steady rate, event time = send time.
            long[] latencies = new long[latencyRecords];
            java.util.Queue<Long> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
            metricsReader.startLatency(latencies, sent);
            long interval = 1_000_000_000L / Math.max(1, latencyRatePerSecond);
            Thread writer = new Thread(() -> {
                long start = System.nanoTime();
                produce(examples, latencyRecords, records, i -> {
                    long wait = start + i * interval - System.nanoTime();
                    if (wait > 0) {
                        // Pacing the writer, not synchronising: the benchmark wants a steady arrival rate.
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    Instant now = Instant.now();
                    sent.add(now.toEpochMilli());
                    return now;
                });
            }, "bench-latency-writer");
            writer.start();
            Measurement latency = metricsReader.awaitLatency(records + latencyRecords, latencies, "latency: event -> live metric");
            writer.join();
            stage.close();
            // The input topic now also holds the latency run's responses; the pass-through copies them all.
            Measurement after = passThrough(records + latencyRecords, bytes, baselineTopic, "after");
            return new Result(judgeAlone, before, after, topology, latency);
        }
    }

    private static Measurement judgeAlone(OfflineJudge judge, List<LabelledExample> examples, int records) {
        for (int i = 0; i < Math.min(records, 5000); i++) {
            LabelledExample e = examples.get(i % examples.size());
            judge.verdict(new Exchange(e.prompt(), e.response(), e.domain()));
        }
        long bytes = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < records; i++) {
            LabelledExample e = examples.get(i % examples.size());
            judge.verdict(new Exchange(e.prompt(), e.response(), e.domain()));
            bytes += e.response().length();
        }
        return Measurement.of("judge: offline, in memory", records, bytes, System.nanoTime() - t0, null);
    }

    interface EventTime {
        Instant at(int i);
    }

    private long produce(List<LabelledExample> examples, int count, int offset, EventTime eventTime) {
        Map<String, Object> p = new HashMap<>(config);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        var serializer = AvroSerdes.specific(Response.class, config, false).serializer();
        long bytes = 0;
        var failure = new java.util.concurrent.atomic.AtomicReference<Exception>();
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                LabelledExample e = examples.get((offset + i) % examples.size());
                String id = "bench-" + (offset + i);
                Response r = Response.newBuilder().setId(id).setPromptId("p" + ((offset + i) % examples.size()))
                        .setPromptText(e.prompt()).setResponseText(e.response()).setModelVersion(i % 2 == 0 ? "v1" : "v2")
                        .setSource(ResponseSource.PRODUCTION).setDomain(e.domain()).setCreatedAt(eventTime.at(i))
                        .setMetadata(Map.of()).build();
                byte[] value = serializer.serialize(topics.responses(), r);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topics.responses(), id.getBytes(), value), (md, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
        }
        if (failure.get() != null) {
            // A lost response would leave the metrics short and the run waiting; say why instead.
            throw new IllegalStateException("could not write benchmark responses: " + failure.get().getMessage(), failure.get());
        }
        return bytes;
    }

    private Measurement passThrough(int records, long bytes, String outTopic, String run) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.responses(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(outTopic + "-" + run, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(),
                ScoreStage.streamsProperties(new HashMap<>(config), topics.prefix() + "bench-passthrough-" + run))) {
            streams.start();
            long[] times = awaitRecords(outTopic + "-" + run, records);
            return Measurement.of("baseline: Streams pass-through (" + run + ")", records, bytes, times[1] - times[0], null);
        }
    }

    /** Nanotimes of the first and the last of {@code records} records read from {@code topic}. */
    private long[] awaitRecords(String topic, int records) {
        try (var consumer = new KafkaConsumer<>(consumerConfig("bench-read-" + topic), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long first = 0;
            long seen = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("pass-through wrote " + seen + " of " + records + " records in " + WAIT);
                }
                int n = consumer.poll(Duration.ofMillis(50)).count();
                if (n > 0 && first == 0) {
                    first = System.nanoTime();
                }
                seen += n;
            }
            return new long[] {first, System.nanoTime()};
        }
    }

    private Map<String, Object> consumerConfig(String group) {
        Map<String, Object> c = new HashMap<>(config);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-" + System.nanoTime());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return c;
    }

    /** Reads the metrics topic, summing the all-dimensions live counts over windows. */
    private final class MetricsReader implements AutoCloseable {
        private final KafkaConsumer<String, SafetyMetric> consumer;
        private final Map<Long, Long> totals = new HashMap<>();
        private long first;

        MetricsReader() {
            var deserializer = AvroSerdes.specific(SafetyMetric.class, config, false).deserializer();
            consumer = new KafkaConsumer<>(consumerConfig("bench-metrics"), new StringDeserializer(), deserializer);
            consumer.subscribe(List.of(topics.metrics()));
        }

        private long total() {
            return totals.values().stream().mapToLong(Long::longValue).sum();
        }

        private List<ConsumerRecord<String, SafetyMetric>> poll() {
            List<ConsumerRecord<String, SafetyMetric>> out = new ArrayList<>();
            for (var r : consumer.poll(Duration.ofMillis(20))) {
                SafetyMetric m = r.value();
                if (isTotal(m)) {
                    totals.merge(m.getWindowStart().toEpochMilli(), m.getCount(), Math::max);
                    out.add(r);
                }
            }
            return out;
        }

        Measurement awaitTotal(int records, String name, long bytes) {
            await(t -> t >= records, () -> {
                if (first == 0 && total() > 0) {
                    first = System.nanoTime();
                }
            });
            return Measurement.of(name, records, bytes, System.nanoTime() - first, null);
        }

        private long[] latencySink;
        private java.util.Queue<Long> sent;
        private int latencyCount;

        /**
         * Each live update that raises the all-dimensions count by d accounts for the d oldest responses
         * not yet accounted for; their latency is the update's arrival minus their event (send) time.
         */
        void startLatency(long[] sink, java.util.Queue<Long> sentEventTimes) {
            latencySink = sink;
            sent = sentEventTimes;
            latencyCount = 0;
        }

        Measurement awaitLatency(int expectedTotal, long[] latencies, String name) {
            long t0 = System.nanoTime();
            await(t -> t >= expectedTotal, () -> { });
            long[] measured = java.util.Arrays.copyOf(latencies, latencyCount);
            return Measurement.of(name, latencyCount, 0, System.nanoTime() - t0, measured);
        }

        private void await(Predicate<Long> done, Runnable afterPoll) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(total())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("metrics account for " + total() + " responses after " + WAIT);
                }
                long before = total();
                var batch = poll();
                long now = System.currentTimeMillis();
                if (latencySink != null && !batch.isEmpty()) {
                    for (long d = total() - before; d > 0 && latencyCount < latencySink.length; d--) {
                        Long t = sent.poll();
                        if (t == null) {
                            break;
                        }
                        latencySink[latencyCount++] = Math.max(0, now - t) * 1_000_000L;
                    }
                }
                afterPoll.run();
            }
        }

        private boolean isTotal(SafetyMetric m) {
            return "TUMBLING".equals(m.getWindowKind()) && !m.getFinalResult() && m.getModelVersion() == null && m.getDomain() == null
                    && m.getCategory() == null && m.getSource() == null;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
