package invthink.enrich;

import invthink.avro.AugmentedExample;
import invthink.avro.DeadLetter;
import invthink.avro.InverseTrace;
import invthink.avro.Prompt;
import invthink.avro.ValidationStatus;
import invthink.dlq.DeadLetters;
import invthink.registry.RegistryConfig;
import invthink.serde.SpecificAvroDeserializer;
import invthink.serde.SpecificAvroSerializer;
import invthink.teacher.Teacher;
import invthink.teacher.TeacherAnswer;
import invthink.teacher.TeacherException;
import invthink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrichment stage: every prompt on {@code prompts} becomes one {@link AugmentedExample} on
 * {@code traces} or one {@link DeadLetter} on the DLQ, exactly once. See the package comment for
 * the design; {@link #start()} runs it on its own thread until {@link #close()}.
 */
public final class Enricher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);
    public static final String STAGE = "enrich";
    private static final Duration POLL = Duration.ofMillis(5);
    /** Producer batch size of the stage's writers (traces, dead letters, cache records). */
    static final int BATCH_BYTES = 512 * 1024;
    private static final Duration CACHE_LOAD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration MAX_SESSION_BACKOFF = Duration.ofSeconds(30);
    private static final InverseTrace EMPTY_TRACE = InverseTrace.newBuilder()
            .setHarms(List.of()).setConsequences(List.of()).setMitigations(List.of()).build();

    private final EnrichSettings settings;
    private final Map<String, Object> kafkaConfig;
    private final Topics topics;
    private final Teacher teacher;
    private final EnrichMetrics metrics = EnrichMetrics.get();
    private final SpecificAvroSerializer<AugmentedExample> exampleSerializer = new SpecificAvroSerializer<>();
    private final SpecificAvroSerializer<DeadLetter> letterSerializer = new SpecificAvroSerializer<>();
    private final SpecificAvroDeserializer<Prompt> promptDeserializer = new SpecificAvroDeserializer<>(Prompt.class);
    private final TeacherCache cache;
    private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors())), r -> {
                Thread t = new Thread(r, "enrich-caller");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.ExecutorService committer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "enrich-commit");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch outageSeen = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean abandoned;
    private volatile boolean abandonMidTransaction;
    private volatile boolean pausedForOutage;
    private Thread thread;

    // Loop-thread state of the current session.
    private int session;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private final ArrayDeque<Slot> backlog = new ArrayDeque<>();
    private final PriorityQueue<Slot> retries = new PriorityQueue<>((a, b) -> Long.compare(a.dueAt, b.dueAt));
    private final Map<String, Slot> leaders = new HashMap<>();
    private final List<Slot> ready = new ArrayList<>();
    private int calls;
    private long lastCommit;
    private CompletableFuture<Void> commitInFlight;
    private OutageBreaker breaker;

    /**
     * @param kafkaConfig client properties (bootstrap, security, ...), passed through unchanged,
     *                    plus the registry settings ({@code schema.registry.url}, ...)
     */
    public Enricher(EnrichSettings settings, Map<String, Object> kafkaConfig, Topics topics, Teacher teacher) {
        this.settings = settings;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.topics = topics;
        this.teacher = teacher;
        if (!kafkaConfig.containsKey(RegistryConfig.URL)) {
            throw new IllegalArgumentException("the enricher needs " + RegistryConfig.URL + " in its configuration");
        }
        exampleSerializer.configure(kafkaConfig, false);
        letterSerializer.configure(kafkaConfig, false);
        promptDeserializer.configure(kafkaConfig, false);
        SpecificAvroDeserializer<AugmentedExample> cacheDeserializer = new SpecificAvroDeserializer<>(AugmentedExample.class);
        cacheDeserializer.configure(kafkaConfig, false);
        this.cache = new TeacherCache(topics.teacherCache(), clientConfig(), exampleSerializer, cacheDeserializer);
    }

    /** Starts the stage on its own thread; returns at once. */
    public Enricher start() {
        thread = new Thread(this::run, "enrich-" + settings.transactionalId());
        thread.start();
        return this;
    }

    /** Blocks until the stage consumes (cache loaded, clients up); false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while consumption is paused because the teacher looks down. */
    public boolean pausedForOutage() {
        return pausedForOutage;
    }

    /** Blocks until the stage has paused for a teacher outage at least once; false on timeout. */
    public boolean awaitOutagePause(Duration timeout) throws InterruptedException {
        return outageSeen.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Teacher teacher() {
        return teacher;
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> c = new HashMap<>(kafkaConfig);
        c.keySet().removeIf(k -> k.startsWith("schema.registry.") || k.startsWith("basic.auth.") || k.startsWith("bearer.auth."));
        return c;
    }

    private void run() {
        long backoff = 500;
        boolean cacheStarted = false;
        try {
            while (!stopping && !abandoned) {
                try {
                    openProducer();
                    if (!cacheStarted) {
                        // After initTransactions: a crashed predecessor's open transaction is aborted by
                        // now, so the cache reader is not held back by it.
                        cacheStarted = true;
                        cache.start();
                        if (!cache.awaitLoaded(CACHE_LOAD_TIMEOUT)) {
                            LOG.warn("teacher cache not fully loaded after {}; continuing (duplicates may be asked again)",
                                    CACHE_LOAD_TIMEOUT);
                        }
                    }
                    openConsumer();
                    running.countDown();
                    loop();
                    backoff = 500;
                } catch (RuntimeException e) {
                    if (stopping || abandoned) {
                        break;
                    }
                    LOG.warn("enrich session failed; restarting from the last commit in {} ms", backoff, e);
                    closeSession(false);
                    stopSignal.await(backoff, TimeUnit.MILLISECONDS);
                    backoff = Math.min(MAX_SESSION_BACKOFF.toMillis(), backoff * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSession(!abandoned);
            callers.shutdownNow();
            committer.shutdownNow();
            cache.close();
            running.countDown();
            stopped.countDown();
        }
    }

    private void openProducer() {
        session++;
        breaker = new OutageBreaker(settings.outageThreshold(), settings.outageBackoff().toNanos(),
                settings.maxOutageBackoff().toNanos());
        Map<String, Object> p = clientConfig();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A trace is kilobytes: with the default 16 KB batches every produce request carried a
        // handful of them, and the broker's per-request work bounded the stage, not the teacher.
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        // Fences a crashed predecessor with the same id and aborts its open transaction.
        producer.initTransactions();
    }

    private void openConsumer() {
        Map<String, Object> c = clientConfig();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxInFlight());
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics.prompts()), new Rebalance());
        LOG.info("enrich: {} -> {} with teacher {} (routes {}, max in flight {})", topics.prompts(), topics.traces(),
                teacher.model(), teacher.routes(), settings.maxInFlight());
    }

    private void loop() {
        long graceEnd = Long.MAX_VALUE;
        while (true) {
            if (abandoned) {
                return;
            }
            if (stopping) {
                if (graceEnd == Long.MAX_VALUE) {
                    graceEnd = System.nanoTime() + settings.shutdownGrace().toNanos();
                    consumer.pause(consumer.assignment());
                }
                if (calls == 0 || System.nanoTime() > graceEnd) {
                    drainEvents();
                    commit(true);
                    return;
                }
            }
            drainEvents();
            long now = System.nanoTime();
            while (!retries.isEmpty() && retries.peek().dueAt <= now) {
                backlog.addFirst(retries.poll());
            }
            if (!stopping) {
                submitBacklog(now);
            }
            commit(false);
            // Up to one more window of records waits in the backlog, so a freed slot is refilled at
            // once, even right after a blocking transaction commit, without a fetch round trip.
            boolean pause = stopping || breaker.isOpen() || calls + backlog.size() >= 2 * settings.maxInFlight()
                    || retries.size() >= 4 * settings.maxInFlight();
            pausedForOutage = breaker.isOpen();
            if (pausedForOutage) {
                outageSeen.countDown();
            }
            metrics.paused.set(pausedForOutage ? 1 : 0);
            if (pause) {
                consumer.pause(consumer.assignment());
            } else if (!consumer.paused().isEmpty()) {
                consumer.resume(consumer.paused());
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                accept(r);
            }
        }
    }

    private void drainEvents() {
        Runnable event;
        while ((event = events.poll()) != null) {
            event.run();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        PartitionLedger ledger = ledgers.get(tp);
        if (ledger == null) {
            return;
        }
        ledger.consumed(record.offset());
        if (ledger.alreadyDone(record.offset())) {
            return;
        }
        Slot slot = new Slot(record);
        ledger.track(slot);
        try {
            slot.prompt = promptDeserializer.deserialize(record.topic(), record.headers(), record.value());
            if (slot.prompt == null) {
                throw new IllegalArgumentException("empty value (tombstone) on the prompts topic");
            }
        } catch (RuntimeException e) {
            metrics.failures.labelValues("deserialization").inc();
            deadLetter(slot, "deserialization", "not a Prompt record: " + e.getMessage(), null);
            return;
        }
        slot.cacheKey = CacheKey.of(slot.prompt, teacher);
        Slot leader = leaders.get(slot.cacheKey);
        if (leader != null) {
            // The same request is already being answered (or its answer awaits commit): no second call, no second output.
            if (leader.finished()) {
                metrics.cacheHits.labelValues("duplicate").inc();
                finish(slot, List.of(), "duplicate", null);
            } else {
                leader.followers.add(slot);
            }
            return;
        }
        TeacherCache.Entry cached = cache.get(slot.cacheKey).orElse(null);
        if (cached != null && cached.state() != TeacherCache.State.RECEIVED) {
            metrics.cacheHits.labelValues("duplicate").inc();
            finish(slot, List.of(), "duplicate", null);
            return;
        }
        leaders.put(slot.cacheKey, slot);
        if (cached != null) {
            metrics.cacheHits.labelValues("answer").inc();
            AugmentedExample example = AugmentedExample.newBuilder(cache.answer(cached))
                    .setPrompt(slot.prompt).setCreatedAt(Instant.now()).build();
            emit(slot, example);
        } else {
            backlog.add(slot);
        }
    }

    private void submitBacklog(long now) {
        while (!backlog.isEmpty() && calls < settings.maxInFlight() && breaker.permitCall(now)) {
            submit(backlog.poll());
        }
    }

    private void submit(Slot slot) {
        calls++;
        metrics.inFlight.set(calls);
        slot.startedAt = System.nanoTime();
        int mySession = session;
        String key = slot.cacheKey;
        Prompt prompt = slot.prompt;
        // Even an async client does some work before its first await (building and sending the
        // request); doing it on the caller pool keeps this loop polling and committing meanwhile.
        CompletableFuture<TeacherAnswer> call = CompletableFuture.supplyAsync(() -> teacher.teach(prompt), callers)
                .thenCompose(f -> f);
        call.whenComplete((answer, error) -> {
            AugmentedExample example = null;
            if (answer != null) {
                example = answer.toExample(prompt, teacher.model(), teacher.routes(), teacher.parameters(), Instant.now());
                if (teacher.answersAreCostly()) {
                    // Cached at once, even if this session is gone by now: a restart will not pay for it again.
                    cache.received(key, example);
                }
            }
            AugmentedExample result = example;
            events.add(() -> answered(slot, mySession, result, error));
        });
    }

    private void answered(Slot slot, int answeredSession, AugmentedExample example, Throwable error) {
        if (answeredSession != session) {
            return;
        }
        calls--;
        metrics.inFlight.set(calls);
        if (slot.stale) {
            return;
        }
        long now = System.nanoTime();
        if (example != null) {
            breaker.success();
            metrics.latency.observe((now - slot.startedAt) / 1e9);
            if (example.getUsage() != null) {
                metrics.tokens.labelValues("in").inc(example.getUsage().getPromptTokens());
                metrics.tokens.labelValues("out").inc(example.getUsage().getCompletionTokens());
            }
            emit(slot, example);
            return;
        }
        TeacherException failure = teacherFailure(error);
        String failureClass = failure.kind().code() + (failure.status() > 0 ? "_" + failure.status() : "");
        metrics.failures.labelValues(failureClass).inc();
        if (!outageLike(failure)) {
            String reason = failure.getMessage() + (failure.teacherText() == null ? ""
                    : "\n--- teacher wrote ---\n" + failure.teacherText());
            deadLetter(slot, failure.kind().code(), reason, failure.teacherText());
            return;
        }
        boolean wasOpen = breaker.isOpen();
        if (breaker.failure(now)) {
            LOG.warn("teacher {} looks down ({} consecutive failures, last: {}); pausing consumption",
                    teacher.model(), settings.outageThreshold(), failure.getMessage());
        }
        if (!wasOpen) {
            slot.attempts++;
        }
        if (slot.attempts >= settings.maxAttempts()) {
            metrics.failures.labelValues("retries_exhausted").inc();
            deadLetter(slot, "retries_exhausted", "gave up after " + slot.attempts + " attempts: " + failure.getMessage(),
                    failure.teacherText());
            return;
        }
        long delay = Math.max(failure.retryAfterMs() * 1_000_000L, backoff(slot.attempts));
        slot.dueAt = breaker.isOpen() ? Math.max(breaker.nextProbeAt(), now) : now + delay;
        retries.add(slot);
    }

    /** Failures that say more about the endpoint than about this prompt: never dead-letter them. */
    private static boolean outageLike(TeacherException failure) {
        int s = failure.status();
        // A bad key or a wrong URL/model fails every prompt alike: pause and let the operator fix it.
        return failure.retryable() || s == 401 || s == 403 || s == 404;
    }

    private long backoff(int attempts) {
        long base = settings.retryBackoff().toNanos() << Math.min(20, Math.max(0, attempts - 1));
        long capped = Math.min(base, settings.maxRetryBackoff().toNanos());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static TeacherException teacherFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TeacherException t) {
            return t;
        }
        return new TeacherException(TeacherException.Kind.REFUSED, "teacher failed: " + cause, null, -1, -1, cause);
    }

    private void emit(Slot slot, AugmentedExample example) {
        byte[] key = slot.record.key() != null ? slot.record.key() : slot.prompt.getId().getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<byte[], byte[]>> out = List.of(
                new ProducerRecord<>(topics.traces(), key, exampleSerializer.serialize(topics.traces(), example)),
                cache.marker(slot.cacheKey, TeacherCache.State.EMITTED));
        finish(slot, out, "trace", TeacherCache.State.EMITTED);
    }

    private void deadLetter(Slot slot, String errorClass, String reason, String teacherText) {
        DeadLetter letter = DeadLetters.fromRecord(STAGE, slot.record, errorClass, reason);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        out.add(new ProducerRecord<>(topics.dlq(), slot.record.key(), letterSerializer.serialize(topics.dlq(), letter)));
        if (slot.cacheKey != null) {
            AugmentedExample invalid = AugmentedExample.newBuilder()
                    .setPrompt(slot.prompt)
                    .setTrace(EMPTY_TRACE)
                    .setAnswer("")
                    .setRawTeacherText(teacherText == null ? "" : teacherText)
                    .setRoutesRequested(teacher.routes())
                    .setTeacherModel(teacher.model())
                    .setTeacherParameters(teacher.parameters())
                    .setValidation(ValidationStatus.INVALID)
                    .setValidationErrors(List.of(errorClass + ": " + reason))
                    .setCreatedAt(Instant.now())
                    .build();
            out.add(cache.record(slot.cacheKey, TeacherCache.State.DEAD_LETTERED, invalid));
        }
        finish(slot, out, "dead_letter", TeacherCache.State.DEAD_LETTERED);
    }

    private void finish(Slot slot, List<ProducerRecord<byte[], byte[]>> outputs, String outcome, TeacherCache.State state) {
        slot.outputs = outputs;
        slot.outcome = outcome;
        slot.cacheState = state;
        ready.add(slot);
        if (slot.cacheKey != null && leaders.get(slot.cacheKey) == slot) {
            // The leader stays registered until its transaction commits, so later duplicates see it.
            for (Slot follower : slot.followers) {
                if (!follower.stale) {
                    metrics.cacheHits.labelValues("duplicate").inc();
                    finish(follower, List.of(), "duplicate", null);
                }
            }
            slot.followers.clear();
        }
    }

    /**
     * Writes finished results and commits offsets in one transaction, on the committer thread: a
     * commit takes round trips to the coordinator (over half the loop's time when it waited for
     * them), and meanwhile the loop keeps refilling teacher slots. One commit is in flight at a
     * time; its outcome comes back as an event, so the ledgers change on the loop thread only.
     * {@code force} waits for the in-flight commit and for this one (rebalance, shutdown).
     */
    private void commit(boolean force) {
        if (commitInFlight != null) {
            if (!force) {
                return;
            }
            awaitCommit();
        }
        long now = System.nanoTime();
        if (ready.isEmpty() || (!force && now - lastCommit < settings.commitInterval().toNanos()
                && ready.size() < settings.maxInFlight())) {
            return;
        }
        Map<TopicPartition, List<Slot>> byPartition = new HashMap<>();
        for (Slot s : ready) {
            byPartition.computeIfAbsent(s.partition, k -> new ArrayList<>()).add(s);
        }
        Map<TopicPartition, PartitionLedger.Proposal> proposals = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        byPartition.forEach((tp, slots) -> {
            PartitionLedger.Proposal p = ledgers.get(tp).propose(slots);
            proposals.put(tp, p);
            offsets.put(tp, new OffsetAndMetadata(p.head(), p.metadata()));
        });
        lastCommit = now;
        if (abandonMidTransaction) {
            // Crash simulation: results sent, transaction never committed.
            producer.beginTransaction();
            proposals.values().forEach(p -> p.included().forEach(s -> s.outputs.forEach(producer::send)));
            producer.flush();
            abandoned = true;
            return;
        }
        KafkaProducer<byte[], byte[]> txn = producer;
        ConsumerGroupMetadata group = consumer.groupMetadata();
        int mySession = session;
        commitInFlight = CompletableFuture.runAsync(() -> {
            KafkaException failure = null;
            RuntimeException fatal = null;
            try {
                txn.beginTransaction();
                for (PartitionLedger.Proposal p : proposals.values()) {
                    for (Slot s : p.included()) {
                        s.outputs.forEach(txn::send);
                    }
                }
                txn.sendOffsetsToTransaction(offsets, group);
                txn.commitTransaction();
            } catch (KafkaException e) {
                failure = e;
                try {
                    txn.abortTransaction();
                } catch (RuntimeException abortFailed) {
                    fatal = abortFailed; // fenced or fatal: the session restarts from the last commit
                }
            } catch (RuntimeException e) {
                fatal = e;
            }
            KafkaException failed = failure;
            RuntimeException fatalFailure = fatal;
            events.add(() -> committed(mySession, proposals, failed, fatalFailure));
        }, committer);
        if (force) {
            awaitCommit();
        }
    }

    /** Blocks until the in-flight commit is done and its outcome applied. */
    private void awaitCommit() {
        CompletableFuture<Void> inFlight = commitInFlight;
        if (inFlight == null) {
            return;
        }
        inFlight.join();
        drainEvents();
    }

    /** The outcome of a commit, on the loop thread. */
    private void committed(int commitSession, Map<TopicPartition, PartitionLedger.Proposal> proposals, KafkaException failure,
                           RuntimeException fatal) {
        if (commitSession != session) {
            return;
        }
        commitInFlight = null;
        if (fatal != null) {
            throw fatal;
        }
        if (failure != null) {
            LOG.warn("enrich transaction failed ({}); aborted, results are written again", failure.toString());
            return;
        }
        proposals.forEach((tp, p) -> {
            PartitionLedger ledger = ledgers.get(tp);
            if (ledger != null) {
                ledger.apply(p);
            }
            java.util.Set<Slot> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            done.addAll(p.included());
            ready.removeIf(done::contains);
            for (Slot s : p.included()) {
                metrics.completed.labelValues(s.outcome).inc();
                if (s.cacheKey != null && leaders.get(s.cacheKey) == s) {
                    leaders.remove(s.cacheKey);
                }
                if (s.cacheState != null && s.cacheKey != null) {
                    cache.committed(s.cacheKey, s.cacheState);
                }
            }
        });
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!abandoned && producer != null) {
                commit(true);
            }
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long head = c != null ? c.offset() : consumer.position(tp);
                ledgers.put(tp, new PartitionLedger(head, c == null ? null : c.metadata()));
            }
            LOG.info("enrich assigned {}", partitions);
        }
    }

    /** Forgets revoked partitions' work: their records go to the new owner from the committed offsets. */
    private void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionLedger ledger = ledgers.remove(tp);
            if (ledger != null) {
                ledger.openSlots().forEach(s -> s.stale = true);
            }
        }
        backlog.removeIf(s -> s.stale);
        retries.removeIf(s -> s.stale);
        ready.removeIf(s -> s.stale);
        // A stale leader's followers in partitions we keep must not wait for it forever.
        for (Iterator<Map.Entry<String, Slot>> it = leaders.entrySet().iterator(); it.hasNext(); ) {
            Slot leader = it.next().getValue();
            if (leader.stale) {
                it.remove();
                Slot heir = leader.followers.stream().filter(f -> !f.stale).findFirst().orElse(null);
                if (heir != null) {
                    leader.followers.stream().filter(f -> !f.stale && f != heir).forEach(heir.followers::add);
                    backlog.add(heir);
                }
            }
        }
        for (Slot heir : backlog) {
            if (heir.cacheKey != null && !leaders.containsKey(heir.cacheKey)) {
                leaders.put(heir.cacheKey, heir);
            }
        }
    }

    private void closeSession(boolean graceful) {
        if (graceful && commitInFlight != null) {
            try {
                commitInFlight.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("last commit: {}", e.toString());
            }
        }
        commitInFlight = null;
        session++;
        calls = 0;
        metrics.inFlight.set(0);
        ledgers.clear();
        backlog.clear();
        retries.clear();
        leaders.clear();
        ready.clear();
        events.clear();
        Duration timeout = graceful ? Duration.ofSeconds(10) : Duration.ZERO;
        if (consumer != null) {
            try {
                consumer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debug("closing consumer: {}", e.toString());
            }
            consumer = null;
        }
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debug("closing producer: {}", e.toString());
            }
            producer = null;
        }
    }

    /** Stops after calls in flight finish (up to the shutdown grace), committing what is done. */
    @Override
    public void close() {
        stopping = true;
        stopSignal.countDown();
        awaitStop();
    }

    /**
     * Stops like a crash: nothing more is committed, calls in flight are dropped, clients close
     * without waiting. With {@code midTransaction}, the next results are sent in a transaction that
     * is never committed. For tests of recovery.
     */
    void abandon(boolean midTransaction) {
        if (midTransaction) {
            abandonMidTransaction = true;
        } else {
            abandoned = true;
        }
        stopSignal.countDown();
        awaitStop();
    }

    private void awaitStop() {
        if (thread == null) {
            return;
        }
        try {
            stopped.await(settings.shutdownGrace().toMillis() + 30_000, TimeUnit.MILLISECONDS);
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
