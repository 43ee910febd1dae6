package invthink.score;

import invthink.avro.DeadLetter;
import invthink.avro.Response;
import invthink.avro.SafetyScore;
import invthink.dlq.DeadLetters;
import invthink.judge.Judge;
import invthink.judge.Verdict;
import invthink.serde.AvroSerdes;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores responses with a remote judge on plain clients, never on a stream thread.
 *
 * <p>Each polled batch is judged asynchronously with at most {@code concurrency} calls in flight;
 * then one short transaction writes every score and dead letter and commits the batch's offsets.
 * A crash may repeat judge calls, never outputs. A judge that still fails after its own retries
 * dead-letters the response with the reason, so it can be replayed from the DLQ.
 */
public final class AsyncScorer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncScorer.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Judge judge;
    private final Topics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], Object> producer;
    private final org.apache.kafka.common.serialization.Deserializer<Response> responses;
    private final Semaphore inFlight;
    private final Duration callTimeout;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    public AsyncScorer(Map<String, Object> kafkaConfig, String groupId, Topics topics, Judge judge, int concurrency, Duration callTimeout,
                       Clock clock) {
        this.judge = judge;
        this.topics = topics;
        this.inFlight = new Semaphore(concurrency);
        this.callTimeout = callTimeout;
        this.clock = clock;
        this.responses = AvroSerdes.specific(Response.class, kafkaConfig, false).deserializer();
        Map<String, Object> c = new HashMap<>(kafkaConfig);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int maxPollRecords = Math.max(concurrency * 4, 64);
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // A batch waits for its slowest verdicts: leave room for every call of a full batch to time out.
        long worstBatchMs = callTimeout.toMillis() * ((maxPollRecords + concurrency - 1) / concurrency) + 60_000;
        c.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, Math.max(300_000, worstBatchMs)));
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> p = new HashMap<>(kafkaConfig);
        // Unique per instance: with offsets committed against the group's generation (KIP-447), fencing
        // of zombies comes from the group, so instances in one group need not share an id.
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId + "-scorer-" + java.util.UUID.randomUUID());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        var scoreSer = AvroSerdes.specific(SafetyScore.class, kafkaConfig, false).serializer();
        var letterSer = AvroSerdes.specific(DeadLetter.class, kafkaConfig, false).serializer();
        Serializer<Object> values = (topic, v) -> v instanceof SafetyScore s ? scoreSer.serialize(topic, s)
                : letterSer.serialize(topic, (DeadLetter) v);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), values);
        this.thread = new Thread(this::run, "invthink-async-scorer");
    }

    public AsyncScorer start() {
        producer.initTransactions();
        consumer.subscribe(List.of(topics.responses()));
        thread.start();
        return this;
    }

    /** Why the scorer stopped on its own, or null while it runs. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    process(batch);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException | InterruptedException e) {
            failure = e;
            LOG.error("async scorer stopped: {}", e.toString());
        }
    }

    private void process(ConsumerRecords<byte[], byte[]> batch) throws InterruptedException {
        List<CompletableFuture<ProducerRecord<byte[], Object>>> outputs = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> input : batch) {
            TopicPartition tp = new TopicPartition(input.topic(), input.partition());
            offsets.put(tp, new OffsetAndMetadata(input.offset() + 1));
            firstOffsets.putIfAbsent(tp, input.offset());
            Decoded<Response> decoded = Decoded.decode(ScoreStage.STAGE, responses, input);
            if (!decoded.ok()) {
                ScoreInstruments.deadLetter(judge.identity());
                outputs.add(CompletableFuture.completedFuture(new ProducerRecord<>(topics.dlq(), input.key(), decoded.deadLetter())));
                continue;
            }
            Response response = decoded.value();
            inFlight.acquire();
            long start = System.nanoTime();
            outputs.add(judge.judge(SafetyScores.exchange(response))
                    .orTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((verdict, error) -> output(input, response, verdict, error, start))
                    .whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(outputs.toArray(CompletableFuture[]::new)).join();
        producer.beginTransaction();
        try {
            for (var out : outputs) {
                producer.send(out.join());
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (org.apache.kafka.common.errors.ProducerFencedException | org.apache.kafka.common.errors.AuthorizationException e) {
            throw e;
        } catch (org.apache.kafka.common.KafkaException e) {
            // Typically a rebalance moved partitions mid-batch: nothing of this batch is visible, so
            // rewind to its start; whichever instance now owns a partition judges those responses again.
            LOG.warn("scoring transaction aborted, batch will be retried: {}", e.toString());
            producer.abortTransaction();
            firstOffsets.forEach((tp, offset) -> {
                if (consumer.assignment().contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
        }
    }

    private ProducerRecord<byte[], Object> output(ConsumerRecord<byte[], byte[]> input, Response response, Verdict verdict, Throwable error,
                                                  long startNanos) {
        if (error == null) {
            ScoreInstruments.verdict(judge.identity(), verdict, startNanos);
            SafetyScore score = SafetyScores.of(response, verdict, clock.instant());
            return new ProducerRecord<>(topics.scores(), null, response.getCreatedAt().toEpochMilli(),
                    response.getId().getBytes(StandardCharsets.UTF_8), score);
        }
        ScoreInstruments.deadLetter(judge.identity());
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        DeadLetter letter = DeadLetters.fromRecord(ScoreStage.STAGE, input, cause.getClass().getName(),
                "judge " + judge.identity() + " failed: " + cause.getMessage());
        return new ProducerRecord<>(topics.dlq(), input.key(), letter);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close();
    }
}
