package invthink.bench;

import invthink.avro.SafetyMetric;
import invthink.dashboard.DashboardServer;
import invthink.dashboard.DashboardSettings;
import invthink.registry.RegistryConfig;
import invthink.serde.SpecificAvroSerializer;
import invthink.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How fast metric records reach browsers through the dashboard, next to a plain consumer of the
 * same records at the same time: one producer writes {@code SafetyMetric}s as fast as it can; a
 * raw {@code KafkaConsumer<byte[]>} and {@code clients} live-stream connections receive them.
 * Latency is from the producer's send to arrival (at the consumer, or at the SSE client after
 * decoding, folding into the view and fan-out).
 */
public final class DashboardBenchmark {

    private static final long BASE_MILLIS = 1_700_000_000_000L;
    private static final long WINDOW_MILLIS = 60_000;
    private static final String WINDOW_START = "{\"windowStart\":";

    private final Map<String, Object> kafkaConfig;
    private final String registryUrl;

    public DashboardBenchmark(Map<String, Object> kafkaConfig, String registryUrl) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.registryUrl = registryUrl;
    }

    /**
     * Baseline consumer first, then the live-stream clients pooled.
     *
     * @param rate records per second to send; 0 sends as fast as the producer can (then latency is
     *             mostly queueing, and throughput is what the row shows)
     */
    public List<Measurement> run(Topics topics, int records, int clients, int rate) throws Exception {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(RegistryConfig.URL, registryUrl);
        AtomicLongArray sentAt = new AtomicLongArray(records);
        SafetyMetric[] metrics = new SafetyMetric[records];
        for (int i = 0; i < records; i++) {
            metrics[i] = metric(i);
        }
        DashboardSettings settings = DashboardSettings.of("127.0.0.1", 0, topics, config)
                .withLiveStream(Math.max(10_000, 2 * records), Math.max(4_096, 2 * records), clients + 1);
        try (DashboardServer dashboard = DashboardServer.start(settings);
             KafkaConsumer<byte[], byte[]> baseline = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                     new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topics.metrics(), 0);
            baseline.assign(List.of(partition));
            baseline.seekToEnd(List.of(partition));
            baseline.position(partition);

            List<StreamReader> readers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                readers.add(new StreamReader(dashboard.url(), records, sentAt));
            }
            for (StreamReader r : readers) {
                r.awaitConnected();
            }

            long[] baselineLatency = new long[records];
            AtomicLong baselineBytes = new AtomicLong();
            long start = System.nanoTime();
            Thread producerThread = new Thread(() -> produce(config, topics.metrics(), metrics, sentAt, rate),
                    "bench-producer");
            producerThread.start();
            int read = 0;
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (read < records && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : baseline.poll(Duration.ofMillis(100))) {
                    int index = Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8));
                    baselineLatency[read++] = System.nanoTime() - sentAt.get(index);
                    baselineBytes.addAndGet(r.serializedValueSize());
                }
            }
            long baselineEnd = System.nanoTime();
            producerThread.join();
            if (read < records) {
                throw new IllegalStateException("baseline consumer read only " + read + " of " + records);
            }
            List<Measurement> results = new ArrayList<>();
            results.add(Measurement.of("kafka consumer (baseline)", records, baselineBytes.get(), baselineEnd - start,
                    baselineLatency));

            long[] pooled = new long[records * clients];
            long slowestEnd = start;
            long sseBytes = 0;
            for (int c = 0; c < clients; c++) {
                StreamReader r = readers.get(c);
                if (!r.done.await(5, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("a live-stream client received only " + r.received + " of " + records);
                }
                System.arraycopy(r.latency, 0, pooled, c * records, records);
                slowestEnd = Math.max(slowestEnd, r.end);
                sseBytes += r.bytes;
                r.close();
            }
            results.add(Measurement.of("dashboard SSE, " + clients + " client" + (clients == 1 ? "" : "s")
                    + " (per client)", records, sseBytes / clients, slowestEnd - start, pooled));
            return results;
        }
    }

    private static void produce(Map<String, Object> config, String topic, SafetyMetric[] metrics,
                                AtomicLongArray sentAt, int rate) {
        Map<String, Object> producerConfig = new HashMap<>(config);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        SpecificAvroSerializer<SafetyMetric> values = new SpecificAvroSerializer<>();
        values.configure(producerConfig, false);
        try (KafkaProducer<String, SafetyMetric> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                values)) {
            long start = System.nanoTime();
            for (int i = 0; i < metrics.length; i++) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                sentAt.set(i, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, 0, Integer.toString(i), metrics[i]));
            }
            producer.flush();
        }
    }

    static SafetyMetric metric(int i) {
        Instant start = Instant.ofEpochMilli(BASE_MILLIS + i * WINDOW_MILLIS);
        long harmful = i % 17;
        return SafetyMetric.newBuilder()
                .setWindowStart(start).setWindowEnd(start.plusMillis(WINDOW_MILLIS))
                .setModelVersion("bench-model").setDomain(i % 2 == 0 ? "finance" : "law")
                .setCount(100).setHarmfulCount(harmful).setHarmfulRate(harmful / 100.0)
                .setMeanHarmfulness(1.5).setSafetyScore(87.5).setRefusalCount(3).setRefusalRate(0.03)
                .setEmittedAt(Instant.now())
                .build();
    }

    /** One live-stream client counting metric events and their latency from the producer's send. */
    private static final class StreamReader implements AutoCloseable {
        final long[] latency;
        final CountDownLatch done = new CountDownLatch(1);
        private final CountDownLatch connected = new CountDownLatch(1);
        private final AtomicLongArray sentAt;
        private final Stream<String> lines;
        volatile int received;
        volatile long end;
        long bytes;

        StreamReader(String url, int records, AtomicLongArray sentAt) throws Exception {
            this.latency = new long[records];
            this.sentAt = sentAt;
            HttpResponse<Stream<String>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(url).resolve("events")).build(),
                            HttpResponse.BodyHandlers.ofLines());
            this.lines = response.body();
            Thread t = new Thread(this::read, "bench-sse-reader");
            t.setDaemon(true);
            t.start();
        }

        void awaitConnected() throws InterruptedException {
            if (!connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("live stream did not open");
            }
        }

        private void read() {
            try {
                for (String line : (Iterable<String>) lines::iterator) {
                    connected.countDown(); // the server's first line ("retry: ...") means we are subscribed
                    bytes += line.length() + 1;
                    if (line.startsWith("data: " + WINDOW_START)) {
                        int from = 6 + WINDOW_START.length();
                        long windowStart = Long.parseLong(line.substring(from, line.indexOf(',', from)));
                        int index = (int) ((windowStart - BASE_MILLIS) / WINDOW_MILLIS);
                        latency[received] = System.nanoTime() - sentAt.get(index);
                        if (++received == latency.length) {
                            end = System.nanoTime();
                            done.countDown();
                            return;
                        }
                    }
                }
            } catch (RuntimeException closed) {
                // close() cancelled the stream
            }
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
