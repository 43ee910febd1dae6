package invthink.grpo;

import ai.djl.Device;
import invthink.avro.DeadLetter;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.RolloutGroup;
import invthink.avro.TrainingMetrics;
import invthink.avro.TrainingPhase;
import invthink.dlq.DeadLetters;
import invthink.model.CausalLm;
import invthink.serde.AvroSerdes;
import invthink.sft.AdamW;
import invthink.sft.LearningRateSchedule;
import invthink.sft.SftCheckpoints;
import invthink.sft.TrainerState;
import invthink.tokenizer.TextTokenizer;
import invthink.topic.Topics;
import invthink.train.BackgroundRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GRPO learner: reads rollout groups, drops those sampled by a policy more than
 * {@code maxStaleness} versions old, updates on each batch of {@code groupsPerUpdate} groups
 * {@code numIterations} times, and every {@code saveSteps} updates writes a checkpoint (with
 * the rollouts offsets consumed so far, as SFT does) and publishes a {@code ModelVersion}
 * (GRPO, CANDIDATE), which the workers reload and the evaluation gate picks up. Restarted on
 * the same output directory it resumes from the newest checkpoint's weights, moments and offsets.
 * Every update's TRL-named metrics go to the training-metrics topic and to Prometheus gauges.
 */
public final class GrpoTrainer extends BackgroundRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GrpoTrainer.class);
    public static final String STAGE = "grpo-learner";

    /** Hooks for tests and the benchmark. */
    public interface Listener {
        default void onUpdate(GrpoStepResult step, Map<String, Double> metrics) {}

        default void onStale(RolloutGroup group, int staleness) {}

        default void onCheckpoint(Path dir, ModelVersion version) {}
    }

    private final LearnerOptions options;
    private final Map<String, Object> kafkaConfig;
    private final Topics topics;
    private final Device device;
    private final Listener listener;
    private volatile long dropped;

    public GrpoTrainer(LearnerOptions options, Map<String, Object> kafkaConfig, Topics topics, Device device, Listener listener) {
        super("grpo-learner");
        this.options = options;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.topics = topics;
        this.device = device;
        this.listener = listener == null ? new Listener() {} : listener;
    }

    public GrpoTrainer start() {
        startInBackground();
        return this;
    }

    /** Groups dropped as too stale so far. */
    public long dropped() {
        return dropped;
    }

    @Override
    protected void work() throws IOException {
        Optional<Path> resume = SftCheckpoints.latest(options.outputDir());
        Path modelDir = resume.orElse(options.baseModel());
        if (modelDir == null) throw new IllegalArgumentException("no checkpoint in " + options.outputDir() + " and no --model");
        TrainerState state = resume.isPresent() ? TrainerState.read(resume.get()) : TrainerState.initial();
        Map<String, Object> consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        Deserializer<RolloutGroup> decode = AvroSerdes.specific(RolloutGroup.class, kafkaConfig, false).deserializer();
        boolean withReference = options.loss().beta() > 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, ModelVersion> models = new KafkaProducer<>(producerConfig, new StringSerializer(),
                     AvroSerdes.specific(ModelVersion.class, kafkaConfig, false).serializer());
             KafkaProducer<byte[], DeadLetter> dlqProducer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     AvroSerdes.specific(DeadLetter.class, kafkaConfig, false).serializer());
             KafkaProducer<String, TrainingMetrics> metricsProducer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                     AvroSerdes.specific(TrainingMetrics.class, kafkaConfig, false).serializer());
             TextTokenizer tokenizer = TextTokenizer.load(modelDir);
             CausalLm policy = CausalLm.load(modelDir, device);
             CausalLm reference = withReference ? CausalLm.load(options.referenceModel(), device) : null) {
            AdamW optimizer = AdamW.defaults(policy.weights(), policy.manager());
            if (resume.isPresent()) optimizer.load(resume.get().resolve(SftCheckpoints.OPTIMIZER_FILE), state.globalStep());
            LearningRateSchedule schedule = LearningRateSchedule.withWarmupRatio(options.learningRate(), options.warmupRatio(), options.maxSteps());
            DeadLetters dlq = new DeadLetters(dlqProducer, topics.dlq(), STAGE);
            List<TopicPartition> parts = consumer.partitionsFor(topics.rollouts()).stream()
                    .map(p -> new TopicPartition(topics.rollouts(), p.partition())).toList();
            consumer.assign(parts);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
            for (TopicPartition tp : parts) {
                consumer.seek(tp, Math.max(begin.get(tp), state.committed().getOrDefault(tp.partition(), begin.get(tp))));
            }
            Map<Integer, Long> offsets = new TreeMap<>(state.committed());
            List<String> versions = new ArrayList<>();
            if (state.versionId() != null) {
                versions.add(state.versionId());
            } else {
                StartVersion.read(modelDir).ifPresent(versions::add);
            }
            long step = state.globalStep();
            LOG.info("grpo learner: {} from {} at step {}; {} groups per update, {} iterations, max staleness {}, reference {}",
                    resume.isPresent() ? "resuming" : "starting", modelDir, step, options.groupsPerUpdate(),
                    options.numIterations(), options.maxStaleness(), withReference ? options.referenceModel() : "none (beta 0)");
            try (GrpoLearner learner = new GrpoLearner(policy, reference, optimizer, schedule::at, options.maxGradNorm(),
                    options.loss(), 1.0)) {
                List<Pending> pending = new ArrayList<>();
                while (stop.getCount() > 0 && step < options.maxSteps()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(options.pollTimeout())) {
                        offsets.put(r.partition(), r.offset() + 1);
                        RolloutGroup g;
                        try {
                            g = decode.deserialize(r.topic(), r.headers(), r.value());
                            if (g == null || g.getCompletions().isEmpty()) throw new IllegalArgumentException("empty rollout group");
                        } catch (RuntimeException ex) {
                            dlq.send(DeadLetters.fromRecord(STAGE, r, ex.getClass().getName(), "cannot decode RolloutGroup: " + ex.getMessage()));
                            continue;
                        }
                        int staleness = staleness(versions, g.getPolicyVersion().toString());
                        if (staleness > options.maxStaleness()) {
                            dropped++;
                            LOG.info("grpo learner: dropped group {} of policy {} ({} versions old > {}); {} dropped so far",
                                    g.getGroupId(), g.getPolicyVersion(), staleness, options.maxStaleness(), dropped);
                            GrpoInstruments.STALE.inc();
                            listener.onStale(g, staleness);
                            continue;
                        }
                        pending.add(new Pending(g, r.partition(), r.offset()));
                    }
                    while (pending.size() >= options.groupsPerUpdate() && step < options.maxSteps() && stop.getCount() > 0) {
                        List<RolloutGroup> batch = pending.subList(0, options.groupsPerUpdate()).stream().map(Pending::group).toList();
                        pending.subList(0, options.groupsPerUpdate()).clear();
                        List<RolloutSample> samples = new ArrayList<>();
                        batch.forEach(g -> samples.addAll(RolloutRecords.samples(g)));
                        for (int it = 0; it < options.numIterations() && step < options.maxSteps(); it++) {
                            GrpoStepResult result = learner.step(samples);
                            Map<String, Double> metrics = GrpoMetrics.of(batch, result);
                            if (result.skipped()) {
                                LOG.info("grpo learner: update skipped, every advantage is 0 ({} groups)", batch.size());
                                GrpoInstruments.SKIPPED.inc();
                                listener.onUpdate(result, metrics);
                                break;
                            }
                            step++;
                            LOG.info("grpo learner: step {} {}", step, metrics);
                            GrpoInstruments.record(metrics);
                            publishMetrics(metricsProducer, step, versions, metrics);
                            listener.onUpdate(result, metrics);
                            if (step % options.saveSteps() == 0 || step == options.maxSteps()) {
                                Map<Integer, Long> done = consumedBefore(pending, offsets);
                                String id = publish(step, versions, done, policy, tokenizer, optimizer, models, metrics);
                                versions.add(id);
                                GrpoInstruments.VERSIONS.inc();
                                Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                                done.forEach((p, o) -> commit.put(new TopicPartition(topics.rollouts(), p), new OffsetAndMetadata(o)));
                                consumer.commitSync(commit);
                            }
                        }
                    }
                    dlqProducer.flush();
                }
            }
        }
    }

    /**
     * The update's metrics on the training-metrics topic, keyed by stage. Sent without waiting:
     * metrics are for watching, so a failed send is logged and training goes on.
     */
    private void publishMetrics(KafkaProducer<String, TrainingMetrics> producer, long step, List<String> versions,
                                Map<String, Double> metrics) {
        TrainingMetrics record = TrainingMetrics.newBuilder().setStage(STAGE).setPhase(TrainingPhase.GRPO.name()).setStep(step)
                .setPolicyVersion(versions.isEmpty() ? null : versions.get(versions.size() - 1)).setMetrics(finite(metrics))
                .setCreatedAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(topics.trainingMetrics(), STAGE, record), (md, error) -> {
            if (error != null) LOG.warn("grpo learner: metrics of step {} not published: {}", step, error.toString());
        });
    }

    private static Map<String, Double> finite(Map<String, Double> metrics) {
        Map<String, Double> out = new HashMap<>();
        metrics.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) out.put(k, v);
        });
        return out;
    }

    /** Versions the learner published since {@code version}; a version it never published counts from the start. */
    static int staleness(List<String> versions, String version) {
        int at = versions.lastIndexOf(version);
        return at < 0 ? versions.size() : versions.size() - 1 - at;
    }

    /** A group waiting for its batch, and where it sits on the topic. */
    private record Pending(RolloutGroup group, int partition, long offset) {}

    /**
     * Offsets up to which every group is trained or dropped: a checkpoint must not skip the
     * groups still pending, so their partitions stop at the first pending one.
     */
    static Map<Integer, Long> consumedBefore(List<Pending> pending, Map<Integer, Long> offsets) {
        Map<Integer, Long> out = new TreeMap<>(offsets);
        for (Pending p : pending) out.merge(p.partition(), p.offset(), Math::min);
        return out;
    }

    private String publish(long step, List<String> versions, Map<Integer, Long> offsets, CausalLm policy, TextTokenizer tokenizer,
                           AdamW optimizer, KafkaProducer<String, ModelVersion> models, Map<String, Double> metrics) throws IOException {
        String id = "grpo-" + String.format("%06d", step) + "-" + Long.toHexString(System.currentTimeMillis());
        TrainerState state = new TrainerState(step, Map.copyOf(offsets), null, id, 0, 0);
        Path dir = SftCheckpoints.save(options.outputDir(), policy, tokenizer, optimizer, state, options.saveTotalLimit());
        Map<String, Double> finite = finite(metrics);
        ModelVersion version = ModelVersion.newBuilder().setId(id).setParent(versions.isEmpty() ? null : versions.get(versions.size() - 1))
                .setPhase(TrainingPhase.GRPO).setStep(step).setCheckpointUri(dir.toAbsolutePath().toUri().toString())
                .setMetrics(finite).setStatus(ModelStatus.CANDIDATE).setReason(null).setCreatedAt(Instant.now()).build();
        try {
            models.send(new ProducerRecord<>(topics.models(), id, version)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("checkpoint " + dir + " saved but ModelVersion " + id + " not published", e);
        }
        LOG.info("grpo learner: checkpoint {}, published {}", dir, id);
        listener.onCheckpoint(dir, version);
        return id;
    }

    @Override
    public void close() {
        stop.countDown();
    }
}
