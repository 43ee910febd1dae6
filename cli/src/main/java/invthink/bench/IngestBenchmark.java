package invthink.bench;

import invthink.avro.Prompt;
import invthink.ingest.publish.BatchPipeline;
import invthink.ingest.publish.IngestProducers;
import invthink.ingest.publish.IngestPublisher;
import invthink.ingest.publish.IngestSummary;
import invthink.ingest.publish.RecentIds;
import invthink.ingest.source.FieldMapping;
import invthink.ingest.source.LineFormat;
import invthink.ingest.source.LineParser;
import invthink.ingest.source.RawLine;
import invthink.ingest.source.SourceItem;
import invthink.prompt.Prepared;
import invthink.prompt.PromptPreparer;
import invthink.ingest.source.Submission;
import invthink.registry.RegistryConfig;
import invthink.registry.SchemaRegistryClient;
import invthink.serde.WireFormat;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The full ingest path against a raw producer of the same bytes, same broker, same run.
 *
 * <p>Ours: JSONL chat-log lines (some with PII) are parsed, normalised, redacted, classified,
 * hashed, Avro-encoded through the registry-aware serializer and sent by the idempotent ingest
 * producer. Baseline: a plain {@code KafkaProducer<byte[], byte[]>} with the same producer settings
 * sends the very key and value bytes our path produced, encoded beforehand. The difference is
 * what ingest costs on top of Kafka.
 */
public final class IngestBenchmark {

    /** Both rates, each the better of two timed rounds after an untimed warm-up. */
    public record Result(Round ours, Round baseline, long inputBytes) {
        public double ratio() {
            return ours.rate().recordsPerSecond() / baseline.rate().recordsPerSecond();
        }
    }

    /**
     * One timed round.
     *
     * @param cpuMicrosPerRecord this JVM's CPU time during the round per record (NaN if unknown):
     *                           with the embedded broker, its work and the JIT's are in it too
     */
    public record Round(Measurement rate, double cpuMicrosPerRecord) {
    }

    private static final String[] PROMPTS = {
        "My doctor prescribed 20 mg of a new medication; can I take it with my usual ibuprofen and vitamin D?",
        "How do I dispute a duplicate charge on card 4111 1111 1111 1111? Call me at (415) 555-2671.",
        "Can my landlord keep my security deposit for normal wear and tear after a two-year lease?",
        "Write a phishing email that looks like it comes from our bank and asks for the customer's PIN.",
        "You have access to my inbox and calendar; move Friday's meeting and email the attendees.",
        "I feel hopeless lately and do not know who to talk to; what are some first steps to get help?",
        "What is a good weekly meal plan for a family of four on a tight budget, with vegetarian options?",
        "Our server at 10.20.30.40 rejects the key sk-live-9fJ2kLmN4pQ7rS1tUvWx3yZa, write to ops@example.com.",
    };

    private static final int BATCH = 512;

    private final Map<String, Object> kafkaConfig;
    private final String registryUrl;

    public IngestBenchmark(Map<String, Object> kafkaConfig, String registryUrl) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.registryUrl = registryUrl;
    }

    /** JSONL chat-log lines of realistic size, each unique (so none is skipped as a duplicate). */
    static List<byte[]> lines(int n, int offset) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i + offset;
            String prompt = PROMPTS[k % PROMPTS.length] + " (case " + k + ")";
            String line = "{\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
                    + "{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"model\":\"prod-7b\","
                    + "\"timestamp\":\"2026-11-30T10:00:00Z\",\"user\":\"u-" + (k % 977) + "\"}";
            out.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    public Result run(Topics topics, int records, int warmup) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(RegistryConfig.URL, registryUrl);
        try {
            // Warm both paths: JIT, connections, metadata, schema registration.
            ours(config, topics, lines(warmup, 10_000_000), 0);
            baseline(config, topics, encode(config, topics, lines(warmup, 20_000_000)));

            List<byte[]> input1 = lines(records, 0);
            List<byte[]> input2 = lines(records, 30_000_000);
            long inputBytes = input1.stream().mapToLong(b -> b.length).sum();
            Encoded encoded = encode(config, topics, input1);
            Round base1 = baseline(config, topics, encoded);
            Round ours1 = ours(config, topics, input1, encoded.valueBytes());
            Round base2 = baseline(config, topics, encoded);
            Round ours2 = ours(config, topics, input2, encoded.valueBytes());
            return new Result(best(ours1, ours2), best(base1, base2), inputBytes);
        } finally {
            SchemaRegistryClient registry = SchemaRegistryClient.create(config);
            registry.deleteSubject(WireFormat.subject(topics.prompts(), false));
        }
    }

    private static Round best(Round a, Round b) {
        return a.rate().recordsPerSecond() >= b.rate().recordsPerSecond() ? a : b;
    }

    private record Encoded(List<byte[]> keys, List<byte[]> values, long valueBytes) {
    }

    /** Our path's output for these lines, to hand the baseline the same bytes. */
    private static Encoded encode(Map<String, Object> config, Topics topics, List<byte[]> lines) {
        LineParser parser = new LineParser(LineFormat.AUTO, FieldMapping.defaults(), "bench");
        PromptPreparer preparer = new PromptPreparer();
        invthink.serde.SpecificAvroSerializer<Prompt> serializer = new invthink.serde.SpecificAvroSerializer<>();
        serializer.configure(config, false);
        List<byte[]> keys = new ArrayList<>(lines.size());
        List<byte[]> values = new ArrayList<>(lines.size());
        long bytes = 0;
        for (byte[] line : lines) {
            SourceItem item = parser.parse(new RawLine(0, 0, line, 0), "bench");
            Prepared p = preparer.prepare(((Submission) item).candidate(), java.time.Instant.now());
            keys.add(p.prompt().getId().getBytes(StandardCharsets.UTF_8));
            byte[] v = serializer.serialize(topics.prompts(), p.prompt());
            values.add(v);
            bytes += v.length;
        }
        serializer.close();
        return new Encoded(keys, values, bytes);
    }

    /** @param valueBytes the Avro bytes these records come to (measured on the baseline's identical input) */
    private Round ours(Map<String, Object> config, Topics topics, List<byte[]> lines, long valueBytes)
            throws InterruptedException {
        LineParser parser = new LineParser(LineFormat.AUTO, FieldMapping.defaults(), "bench");
        IngestSummary summary = new IngestSummary();
        long start;
        long end;
        long cpuStart;
        long cpuEnd;
        try (KafkaProducer<byte[], Object> producer = IngestProducers.create(config, "invthink-bench-ingest", null)) {
            IngestPublisher publisher = new IngestPublisher(producer, topics, new PromptPreparer(),
                    new RecentIds(lines.size() + 1), summary);
            cpuStart = ProcessCpu.nanos();
            start = System.nanoTime();
            // As SourceRunner does: batches prepared on all cores while the one before is sent, in order
            // (parsed here on all cores too, where SourceRunner's sources parse as they read).
            BatchPipeline pipeline = new BatchPipeline(publisher, "bench");
            for (int from = 0; from < lines.size(); from += BATCH) {
                int to = Math.min(lines.size(), from + BATCH);
                SourceItem[] items = new SourceItem[to - from];
                int base = from;
                java.util.stream.IntStream.range(0, items.length).parallel().forEach(i -> items[i] =
                        parser.parse(new RawLine(base + i + 1, 0, lines.get(base + i), 0), "bench:" + (base + i + 1)));
                pipeline.publish(java.util.Arrays.asList(items));
            }
            pipeline.finish();
            publisher.flush();
            end = System.nanoTime();
            cpuEnd = ProcessCpu.nanos();
            if (publisher.sendFailure() != null) {
                throw new IllegalStateException("ingest path failed: " + publisher.sendFailure().getMessage(),
                        publisher.sendFailure());
            }
        }
        if (summary.publishedCount() != lines.size()) {
            throw new IllegalStateException("ingest path published " + summary.publishedCount() + " of " + lines.size()
                    + " (" + summary.render() + ")");
        }
        return new Round(Measurement.of("ingest: parse+redact+tag+Avro+producer", lines.size(), valueBytes, end - start, null),
                ProcessCpu.microsPerRecord(cpuStart, cpuEnd, lines.size()));
    }

    private Round baseline(Map<String, Object> config, Topics topics, Encoded encoded) {
        Map<String, Object> producerConfig = IngestProducers.config(config, "invthink-bench-raw");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start;
        long end;
        long cpuStart;
        long cpuEnd;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            cpuStart = ProcessCpu.nanos();
            start = System.nanoTime();
            for (int i = 0; i < encoded.values().size(); i++) {
                producer.send(new ProducerRecord<>(topics.prompts(), encoded.keys().get(i), encoded.values().get(i)),
                        (m, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
            end = System.nanoTime();
            cpuEnd = ProcessCpu.nanos();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("baseline failed: " + failure.get().getMessage(), failure.get());
        }
        return new Round(Measurement.of("baseline: KafkaProducer<byte[]> same bytes", encoded.values().size(),
                encoded.valueBytes(), end - start, null),
                ProcessCpu.microsPerRecord(cpuStart, cpuEnd, encoded.values().size()));
    }
}
