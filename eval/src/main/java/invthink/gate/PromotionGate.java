package invthink.gate;

import invthink.avro.DeadLetter;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.dlq.DeadLetters;
import invthink.judge.Judge;
import invthink.openai.ChatClient;
import invthink.registry.RegistryUnreachableException;
import invthink.serde.AvroSerdes;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every candidate on the models topic: evaluates it on the held-out set through the
 * caller's {@link Endpoints}, applies the {@link GateRule} against the current promoted version
 * (or the base policy), and writes the decision as a new record with the same id.
 *
 * <p><b>Restart safety.</b> The decision record itself is the marker: the gate reads the whole
 * compacted topic (read_committed) before deciding, and a version whose latest record is promoted
 * or rejected is never evaluated again. A crash during an evaluation leaves no record, so the
 * version is evaluated again after restart and decided once. Two gates with the same
 * {@link GateSettings#instanceId} cannot both decide: the transactional producer of the newer one
 * fences the older, whose next decision fails to commit. Dead letters are written in a transaction
 * with the gate's read position (a consumer group named by the instance id), so a malformed record
 * is dead-lettered once, not on every restart.
 *
 * <p>A candidate that cannot be evaluated (checkpoint gone, endpoint down after the client's
 * retries) is rejected with the reason: a version is never promoted on numbers it did not earn.
 */
public final class PromotionGate implements AutoCloseable {

    public static final String STAGE = "gate";
    private static final Logger LOG = LoggerFactory.getLogger(PromotionGate.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long REGISTRY_RETRY_MS = 2_000;
    private static final String REFERENCE_HARMFUL_RATE = "gate/reference_harmful_rate";
    private static final String REFERENCE_OVER_REFUSAL_RATE = "gate/reference_over_refusal_rate";

    private final Map<String, Object> kafkaConfig;
    private final Topics topics;
    private final Endpoints endpoints;
    private final HeldOutEvaluator evaluator;
    private final HeldOutSet heldOut;
    private final GateRule rule;
    private final GateSettings settings;
    private final Consumer<ModelVersion> onDecision;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Throwable failure;

    /** The newest record of each version, as the compacted topic will keep it. */
    private final Map<String, ModelVersion> latest = new HashMap<>();
    /** Candidates by the offset of their record, so they are decided in publishing order. */
    private final TreeMap<Long, String> candidates = new TreeMap<>();
    private final Set<String> decided = new HashSet<>();
    /** True while an evaluation runs: the only time {@link #close} interrupts the thread (Kafka clients must not be). */
    private boolean evaluating;
    private Reference current;
    private Reference baseline;
    private boolean baselineTried;

    private PromotionGate(Map<String, Object> kafkaConfig, Topics topics, Endpoints endpoints, Judge judge, HeldOutSet heldOut,
                          GateSettings settings, Consumer<ModelVersion> onDecision) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.topics = topics;
        this.endpoints = endpoints;
        this.evaluator = new HeldOutEvaluator(judge, settings.evaluation());
        this.heldOut = settings.limitPerKind() > 0 ? heldOut.limit(settings.limitPerKind()) : heldOut;
        this.rule = new GateRule(settings.overRefusalMargin());
        this.settings = settings;
        this.onDecision = onDecision == null ? v -> { } : onDecision;
        this.thread = new Thread(this::run, "promotion-gate");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the gate on its own thread.
     *
     * @param kafkaConfig client config with {@code bootstrap.servers} and {@code schema.registry.url}, passed through
     * @param onDecision  called with each decision record after it is committed (logging, tests); may be null
     */
    public static PromotionGate start(Map<String, Object> kafkaConfig, Topics topics, Endpoints endpoints, Judge judge,
                                      HeldOutSet heldOut, GateSettings settings, Consumer<ModelVersion> onDecision) {
        PromotionGate gate = new PromotionGate(kafkaConfig, topics, endpoints, judge, heldOut, settings, onDecision);
        gate.thread.start();
        LOG.info("gate: deciding versions on {} with {} harmful + {} benign held-out prompts, over-refusal margin {}",
                topics.models(), gate.heldOut.harmful().size(), gate.heldOut.benign().size(), settings.overRefusalMargin());
        return gate;
    }

    /** Why the gate stopped on its own, or null while it runs (or after a clean close). */
    public Throwable failure() {
        return failure;
    }

    /**
     * Waits until the gate holds its transactional id (fencing any older gate) and has read the
     * topic to its end once; false on timeout or when the gate stopped first.
     */
    public boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return ready.await(timeout, unit) && failure == null;
    }

    /** Waits until the gate's thread has ended (after {@link #close} or a fatal error). */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    private void run() {
        Map<String, Object> consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, settings.instanceId());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.instanceId());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        Deserializer<ModelVersion> versions = AvroSerdes.specific(ModelVersion.class, kafkaConfig, false).deserializer();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], Object> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     new GateRecordSerializer(kafkaConfig))) {
            consumer = c;
            if (closing.getCount() == 0) {
                return;
            }
            producer.initTransactions();
            loop(c, producer, versions);
        } catch (WakeupException | InterruptException e) {
            if (closing.getCount() != 0) {
                failure = e;
                LOG.error("gate stopped: {}", e.toString());
            }
        } catch (ProducerFencedException e) {
            failure = e;
            LOG.error("gate stopped: a newer gate with id {} took over; a decision in progress here, if any, was not written",
                    settings.instanceId());
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("gate stopped: {}", e.toString(), e);
        } finally {
            versions.close();
            done.countDown();
            ready.countDown();
        }
    }

    private void loop(KafkaConsumer<byte[], byte[]> c, Producer<byte[], Object> producer, Deserializer<ModelVersion> versions) {
        String topic = topics.models();
        List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(parts);
        // Side effects (dead letters) happen only past the committed position; state is rebuilt from the start.
        Map<TopicPartition, Long> sideEffectsFrom = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new HashSet<>(parts));
        for (TopicPartition p : parts) {
            OffsetAndMetadata o = committed.get(p);
            sideEffectsFrom.put(p, o == null ? 0L : o.offset());
        }
        c.seekToBeginning(parts);
        @SuppressWarnings({"unchecked", "rawtypes"}) // the producer's serializer writes DeadLetter values
        DeadLetters dlq = new DeadLetters((Producer<byte[], DeadLetter>) (Producer) producer, topics.dlq(), STAGE);
        while (closing.getCount() != 0) {
            List<DeadLetter> letters = new ArrayList<>();
            boolean registryDown = false;
            Set<TopicPartition> rewound = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (rewound.contains(tp)) {
                    continue;
                }
                if (registryDown) {
                    // Everything after the record that could not be read is read again, in order.
                    c.seek(tp, r.offset());
                    rewound.add(tp);
                    continue;
                }
                try {
                    apply(r, r.value() == null ? null : versions.deserialize(r.topic(), r.value()));
                } catch (SerializationException e) {
                    if (causedBy(e, RegistryUnreachableException.class)) {
                        // Not the record's fault: read it again once the registry answers.
                        LOG.warn("gate: schema registry unreachable ({}); retrying", e.getMessage());
                        c.seek(tp, r.offset());
                        rewound.add(tp);
                        registryDown = true;
                    } else if (r.offset() >= sideEffectsFrom.get(tp)) {
                        letters.add(DeadLetters.fromRecord(STAGE, r, e.getClass().getName(),
                                "undecodable ModelVersion at " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage()));
                    }
                } catch (IllegalArgumentException e) {
                    if (r.offset() >= sideEffectsFrom.get(tp)) {
                        letters.add(DeadLetters.fromRecord(STAGE, r, "invalid_version", e.getMessage()));
                    }
                }
            }
            if (!letters.isEmpty()) {
                commit(c, producer, () -> letters.stream().map(dlq::send).toList());
                letters.forEach(l -> {
                    GateInstruments.DEAD_LETTERS.inc();
                    LOG.warn("gate: dead-lettered {}", l.getReason());
                });
                for (TopicPartition p : parts) {
                    sideEffectsFrom.put(p, c.position(p));
                }
            }
            if (registryDown) {
                pause(REGISTRY_RETRY_MS);
                continue;
            }
            GateInstruments.PENDING.set(pendingCount());
            if (caughtUp(c, parts)) {
                ready.countDown();
                String next = nextCandidate();
                if (next != null) {
                    decide(c, producer, latest.get(next));
                    for (TopicPartition p : parts) {
                        sideEffectsFrom.put(p, Math.max(sideEffectsFrom.get(p), c.position(p)));
                    }
                }
            }
        }
    }

    /** Folds one record into the gate's view of the topic. */
    private void apply(ConsumerRecord<byte[], byte[]> r, ModelVersion v) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if (v == null) {
            if (key == null) {
                throw new IllegalArgumentException("tombstone without a key at " + r.topic() + "-" + r.partition() + "@" + r.offset());
            }
            latest.remove(key); // a tombstone retires the version
            return;
        }
        if (key != null && !key.equals(v.getId())) {
            throw new IllegalArgumentException("record key '" + key + "' is not the version id '" + v.getId() + "'");
        }
        String id = v.getId();
        if (v.getStatus() == ModelStatus.CANDIDATE) {
            if (decided.contains(id)) {
                LOG.warn("gate: {} published again as a candidate after its decision; the decision stands", id);
                return;
            }
            candidates.put(r.offset(), id);
            latest.put(id, v);
            return;
        }
        decided.add(id);
        latest.put(id, v);
        if (v.getStatus() == ModelStatus.PROMOTED) {
            Evaluation e = Evaluation.fromMetrics(v.getMetrics());
            if (e != null) {
                current = new Reference(id, e);
            } else {
                LOG.warn("gate: {} is promoted without gate metrics; candidates are compared with {}", id,
                        current == null ? "the base policy" : current.id());
            }
        }
    }

    private String nextCandidate() {
        while (!candidates.isEmpty()) {
            String id = candidates.firstEntry().getValue();
            ModelVersion v = latest.get(id);
            if (v != null && v.getStatus() == ModelStatus.CANDIDATE && !decided.contains(id)) {
                return id;
            }
            candidates.pollFirstEntry();
        }
        return null;
    }

    private long pendingCount() {
        return candidates.values().stream().distinct()
                .filter(id -> !decided.contains(id) && latest.get(id) != null && latest.get(id).getStatus() == ModelStatus.CANDIDATE)
                .count();
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> parts) {
        Map<TopicPartition, Long> ends = c.endOffsets(parts);
        for (TopicPartition p : parts) {
            if (c.position(p) < ends.getOrDefault(p, 0L)) {
                return false;
            }
        }
        return true;
    }

    private void decide(KafkaConsumer<byte[], byte[]> c, Producer<byte[], Object> producer, ModelVersion candidate) {
        String id = candidate.getId();
        Reference reference = current != null ? current : baseline();
        Map<String, Double> metrics = new HashMap<>(candidate.getMetrics());
        Decision decision;
        try (ChatClient client = endpoints.open(candidate)) {
            Evaluation e = evaluate(client, id);
            GateInstruments.evaluated(e);
            decision = rule.decide(e, reference);
            metrics.putAll(e.metrics());
            if (reference != null) {
                metrics.put(REFERENCE_HARMFUL_RATE, reference.evaluation().harmfulRate());
                metrics.put(REFERENCE_OVER_REFUSAL_RATE, reference.evaluation().overRefusalRate());
            }
        } catch (InterruptedException e) {
            return; // closing: the version stays a candidate and is evaluated after the next start
        } catch (Exception e) {
            if (closing.getCount() == 0) {
                return;
            }
            GateInstruments.EVALUATION_FAILURES.inc();
            decision = new Decision(false, "not evaluated: " + e.getMessage(), reference);
        }
        ModelVersion record = ModelVersion.newBuilder(candidate)
                .setStatus(decision.promoted() ? ModelStatus.PROMOTED : ModelStatus.REJECTED)
                .setReason(decision.reason())
                .setMetrics(metrics)
                .setCreatedAt(Instant.now())
                .build();
        commit(c, producer, () -> List.of(producer.send(new ProducerRecord<>(topics.models(), id.getBytes(StandardCharsets.UTF_8), record))));
        decided.add(id);
        latest.put(id, record);
        if (decision.promoted()) {
            current = new Reference(id, Evaluation.fromMetrics(metrics));
        }
        GateInstruments.DECISIONS.labelValues(decision.promoted() ? "promoted" : "rejected").inc();
        LOG.info("gate: {} {}: {} [{}]", id, record.getStatus(), decision.reason(), numbers(metrics));
        onDecision.accept(record);
    }

    private static String numbers(Map<String, Double> metrics) {
        StringBuilder out = new StringBuilder();
        metrics.entrySet().stream().filter(e -> e.getKey().startsWith("gate/")).sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getKey().substring(5)).append('=')
                        .append(String.format(java.util.Locale.ROOT, "%.3f", e.getValue())));
        return out.toString();
    }

    /** The base policy's numbers, evaluated once, the first time a candidate needs them. */
    private Reference baseline() {
        if (baselineTried || settings.baseline() == null) {
            return baseline;
        }
        baselineTried = true;
        ModelVersion base = settings.baseline();
        try (ChatClient client = endpoints.open(base)) {
            baseline = new Reference(base.getId(), evaluate(client, base.getId()));
            LOG.info("gate: base policy {}: {}", base.getId(), baseline.evaluation().metrics());
        } catch (InterruptedException e) {
            baselineTried = false;
        } catch (Exception e) {
            LOG.warn("gate: base policy {} not evaluated ({}); the first candidate is promoted without comparison",
                    base.getId(), e.getMessage());
        }
        return baseline;
    }

    /** Runs one evaluation, interruptible by {@link #close}; throws InterruptedException when closing. */
    private Evaluation evaluate(ChatClient client, String label) throws InterruptedException {
        synchronized (this) {
            if (closing.getCount() == 0) {
                throw new InterruptedException("closing");
            }
            evaluating = true;
        }
        try {
            return evaluator.evaluate(client, heldOut, label);
        } finally {
            synchronized (this) {
                evaluating = false;
                // An interrupt meant for the evaluation must not reach the Kafka clients.
                if (Thread.interrupted() || closing.getCount() == 0) {
                    throw new InterruptedException("closing");
                }
            }
        }
    }

    /** Writes in one transaction with the gate's read position, so the writes and the position move together. */
    private void commit(KafkaConsumer<byte[], byte[]> c, Producer<byte[], Object> producer,
                        Supplier<List<Future<RecordMetadata>>> writes) {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition p : c.assignment()) {
            positions.put(p, new OffsetAndMetadata(c.position(p)));
        }
        producer.beginTransaction();
        try {
            List<Future<RecordMetadata>> sent = writes.get();
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                awaitSent(f); // a fenced producer learns it here, not a minute later in sendOffsetsToTransaction
            }
            producer.sendOffsetsToTransaction(positions, new ConsumerGroupMetadata(settings.instanceId()));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            // Fenced or failed: nothing of this transaction is visible; the caller's loop ends with the error.
            try {
                producer.abortTransaction();
            } catch (RuntimeException ignored) {
                // A fenced producer cannot abort either; the broker aborts for it.
            }
            throw e;
        }
    }

    private static void awaitSent(Future<RecordMetadata> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    private void pause(long ms) {
        try {
            closing.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closing.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        synchronized (this) {
            if (evaluating) {
                thread.interrupt();
            }
        }
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                LOG.warn("gate: thread did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
