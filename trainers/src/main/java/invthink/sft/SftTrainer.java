package invthink.sft;

import ai.djl.Device;
import invthink.avro.AugmentedExample;
import invthink.avro.DeadLetter;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.TrainingPhase;
import invthink.chat.EncodedExample;
import invthink.chat.ExampleEncoder;
import invthink.dlq.DeadLetters;
import invthink.model.CausalLm;
import invthink.model.Devices;
import invthink.progress.ProgressBar;
import invthink.serde.AvroSerdes;
import invthink.tokenizer.TextTokenizer;
import invthink.topic.Topics;
import invthink.train.BackgroundRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFT stage: reads the traces topic in rounds (everything between the last trained
 * offsets and the end of the topic when the round starts), trains each round for the
 * configured epochs in seeded shuffled order, checkpoints every {@code saveSteps} steps and
 * at each round's end, and publishes a {@code ModelVersion} (SFT, CANDIDATE) per checkpoint.
 * Started again on the same output directory, it resumes from the newest checkpoint: same
 * weights, optimizer moments, round, epoch and batch, so no trace is lost or trained twice.
 */
public final class SftTrainer extends BackgroundRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SftTrainer.class);

    /** Hooks for tests and the benchmark. */
    public interface Listener {
        default void onStep(StepResult step, List<String> traceIds) {}

        default void onCheckpoint(Path dir, ModelVersion version) {}
    }

    private final SftOptions options;
    private final Map<String, Object> kafkaConfig;
    private final Topics topics;
    private final Device device;
    private final Listener listener;

    public SftTrainer(SftOptions options, Map<String, Object> kafkaConfig, Topics topics, Device device, Listener listener) {
        super("sft-trainer");
        this.options = options;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.topics = topics;
        this.device = device;
        this.listener = listener == null ? new Listener() {} : listener;
    }

    /** Runs in a background thread (for {@code up}); {@link #close} stops it after the current step. */
    public SftTrainer start() {
        startInBackground();
        return this;
    }

    private boolean stopped() {
        return stopRequested();
    }

    @Override
    protected void work() throws IOException, InterruptedException {
        Optional<Path> resumeFrom = SftCheckpoints.latest(options.outputDir());
        Path modelDir = resumeFrom.orElse(options.baseModel());
        if (modelDir == null) {
            throw new IllegalArgumentException("no checkpoint in " + options.outputDir() + " and no base model given (--model)");
        }
        TrainerState state = resumeFrom.isPresent() ? TrainerState.read(resumeFrom.get()) : TrainerState.initial();
        LOG.info("sft: {} from {} ({}); {}", resumeFrom.isPresent() ? "resuming" : "starting", modelDir,
                resumeFrom.isPresent() ? "step " + state.globalStep() : "base model", Devices.describe(device));
        Map<String, Object> consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], DeadLetter> dlqProducer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     AvroSerdes.specific(DeadLetter.class, kafkaConfig, false).serializer());
             KafkaProducer<String, ModelVersion> modelsProducer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                     AvroSerdes.specific(ModelVersion.class, kafkaConfig, false).serializer());
             TextTokenizer tokenizer = TextTokenizer.load(modelDir);
             CausalLm model = CausalLm.load(modelDir, device)) {
            AdamW optimizer = new AdamW(model.weights(), model.manager(), 0.9, 0.999, 1e-8, options.weightDecay());
            if (resumeFrom.isPresent()) optimizer.load(resumeFrom.get().resolve(SftCheckpoints.OPTIMIZER_FILE), state.globalStep());
            TraceSource source = new TraceSource(consumer,
                    AvroSerdes.specific(AugmentedExample.class, kafkaConfig, false).deserializer(),
                    new DeadLetters(dlqProducer, topics.dlq(), TraceSource.STAGE), topics.traces());
            Session session = new Session(model, tokenizer, optimizer, source, modelsProducer, state);
            session.loop();
            dlqProducer.flush();
        }
    }

    /** One run's live objects and its evolving state. */
    private final class Session {
        final CausalLm model;
        final TextTokenizer tokenizer;
        final AdamW optimizer;
        final TraceSource source;
        final KafkaProducer<String, ModelVersion> models;
        final ExampleEncoder encoder;
        TrainerState state;
        long stepsThisRun;
        double lossSinceSave;
        int stepsSinceSave;
        StepResult lastStep;

        Session(CausalLm model, TextTokenizer tokenizer, AdamW optimizer, TraceSource source,
                KafkaProducer<String, ModelVersion> models, TrainerState state) {
            this.model = model;
            this.tokenizer = tokenizer;
            this.optimizer = optimizer;
            this.source = source;
            this.models = models;
            this.state = state;
            this.encoder = new ExampleEncoder(tokenizer, options.systemPrompt(), options.maxLength());
        }

        void loop() throws IOException, InterruptedException {
            while (!stopped()) {
                if (state.round() == null && !openRound()) {
                    if (!options.follow()) break;
                    stop.await(options.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                if (!trainRound()) {
                    // Stopped by close(): keep the progress. Halted (tests) or at max steps: already handled.
                    if (stopped() && stepsSinceSave > 0) checkpoint();
                    return;
                }
            }
            if (lastStep != null && stepsSinceSave > 0 && options.haltAfterSteps() == 0) checkpoint();
        }

        /** Starts a round over everything new, if there is enough. */
        boolean openRound() {
            Map<Integer, Long> start = source.startOffsets(state.committed());
            Map<Integer, Long> end = source.endOffsets();
            long available = TraceSource.count(start, end);
            long needed = options.follow() ? Math.max(1, options.minRoundExamples()) : 1;
            if (available < needed) return false;
            long seed = options.seed() + state.globalStep();
            state = new TrainerState(state.globalStep(), state.committed(), new TrainerState.Round(start, end, seed, 0, 0),
                    state.versionId(), state.truncated(), state.rejected());
            LOG.info("sft: round of {} traces, offsets {} → {}", available, start, end);
            return true;
        }

        /** Trains the current round from its stored position; false when the run must end now. */
        boolean trainRound() throws IOException {
            TrainerState.Round round = state.round();
            boolean fresh = round.epoch() == 0 && round.nextBatch() == 0;
            List<TraceRecord> traces = source.read(round.start(), round.end(), fresh, SftTrainer.this::stopped);
            if (stopped()) return false;
            List<EncodedExample> examples = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            long truncated = 0;
            long rejected = 0;
            for (TraceRecord t : traces) {
                try {
                    EncodedExample e = encoder.encode(t.prompt(), t.teacherText());
                    if (e.truncated()) truncated++;
                    examples.add(e);
                    ids.add(t.id());
                } catch (ExampleEncoder.TooLongException tooLong) {
                    rejected++;
                    if (fresh) {
                        source.reject(t, tooLong.getMessage());
                        SftInstruments.REJECTED.inc();
                    }
                }
            }
            if (fresh) {
                state = new TrainerState(state.globalStep(), state.committed(), round, state.versionId(),
                        state.truncated() + truncated, state.rejected() + rejected);
                if (truncated + rejected > 0) {
                    LOG.info("sft: {} traces truncated to --max-length {}, {} dead-lettered (prompt alone too long)",
                            truncated, options.maxLength(), rejected);
                }
            }
            int batch = options.effectiveBatchSize();
            int batchesPerEpoch = (examples.size() + batch - 1) / batch;
            long roundSteps = (long) batchesPerEpoch * options.numTrainEpochs();
            LearningRateSchedule schedule = LearningRateSchedule.withWarmupRatio(options.learningRate(), options.warmupRatio(), roundSteps);
            long roundFirstStep = state.globalStep() - ((long) round.epoch() * batchesPerEpoch + round.nextBatch());
            SftLearner learner = new SftLearner(model, optimizer, step -> schedule.at(step - roundFirstStep), options.maxGradNorm());
            long done = (long) round.epoch() * batchesPerEpoch + round.nextBatch();
            try (ProgressBar bar = new ProgressBar("sft", roundSteps, "steps")) {
                bar.stepBy(done);
                for (int epoch = round.epoch(); epoch < options.numTrainEpochs(); epoch++) {
                    List<Integer> order = shuffled(examples.size(), round.seed() + epoch);
                    int firstBatch = epoch == round.epoch() ? round.nextBatch() : 0;
                    for (int b = firstBatch; b < batchesPerEpoch; b++) {
                        if (stopped()) return false;
                        List<Integer> chosen = order.subList(b * batch, Math.min(order.size(), (b + 1) * batch));
                        StepResult r = learner.step(microBatches(examples, chosen));
                        bar.step();
                        stepsThisRun++;
                        lastStep = r;
                        lossSinceSave += r.loss();
                        stepsSinceSave++;
                        state = new TrainerState(r.step(), state.committed(), round.at(
                                b + 1 == batchesPerEpoch ? epoch + 1 : epoch, b + 1 == batchesPerEpoch ? 0 : b + 1),
                                state.versionId(), state.truncated(), state.rejected());
                        LOG.info("sft step {}: loss {} lr {} grad_norm {} tokens/s {}", r.step(), fmt(r.loss()),
                                String.format("%.3g", r.learningRate()), fmt(r.gradNorm()), String.format("%.0f", r.tokensPerSecond()));
                        SftInstruments.record(r);
                        listener.onStep(r, chosen.stream().map(ids::get).toList());
                        if (options.haltAfterSteps() > 0 && stepsThisRun >= options.haltAfterSteps()) return false;
                        boolean roundEnds = epoch + 1 == options.numTrainEpochs() && b + 1 == batchesPerEpoch;
                        if (roundEnds) {
                            state = new TrainerState(state.globalStep(), round.end(), null, state.versionId(),
                                    state.truncated(), state.rejected());
                        }
                        if (roundEnds || (options.saveSteps() > 0 && r.step() % options.saveSteps() == 0)) checkpoint();
                        if (options.maxSteps() > 0 && r.step() >= options.maxSteps()) {
                            if (!roundEnds && stepsSinceSave > 0) checkpoint();
                            return false;
                        }
                    }
                }
            }
            if (examples.isEmpty()) {
                state = new TrainerState(state.globalStep(), round.end(), null, state.versionId(), state.truncated(), state.rejected());
            }
            source.commit(state.committed());
            return true;
        }

        List<PackedBatch> microBatches(List<EncodedExample> examples, List<Integer> chosen) {
            List<PackedBatch> out = new ArrayList<>();
            int per = options.perDeviceTrainBatchSize();
            for (int i = 0; i < chosen.size(); i += per) {
                List<EncodedExample> micro = new ArrayList<>();
                for (int j = i; j < Math.min(chosen.size(), i + per); j++) micro.add(examples.get(chosen.get(j)));
                out.add(PackedBatch.of(micro, options.maxLength(), options.packing()));
            }
            return out;
        }

        void checkpoint() throws IOException {
            String parent = state.versionId();
            String id = String.format("sft-%06d", state.globalStep());
            state = new TrainerState(state.globalStep(), state.committed(), state.round(), id, state.truncated(), state.rejected());
            Path dir = SftCheckpoints.save(options.outputDir(), model, tokenizer, optimizer, state, options.saveTotalLimit());
            Map<String, Double> metrics = new HashMap<>();
            if (stepsSinceSave > 0) metrics.put("loss", lossSinceSave / stepsSinceSave);
            if (lastStep != null) {
                metrics.put("grad_norm", lastStep.gradNorm());
                metrics.put("learning_rate", lastStep.learningRate());
                metrics.put("tokens_per_s", lastStep.tokensPerSecond());
            }
            metrics.put("truncated_examples", (double) state.truncated());
            metrics.put("rejected_examples", (double) state.rejected());
            ModelVersion version = ModelVersion.newBuilder()
                    .setId(id).setParent(parent).setPhase(TrainingPhase.SFT).setStep(state.globalStep())
                    .setCheckpointUri(dir.toAbsolutePath().toUri().toString()).setMetrics(Collections.unmodifiableMap(metrics))
                    .setStatus(ModelStatus.CANDIDATE).setReason(null).setCreatedAt(Instant.now()).build();
            try {
                models.send(new ProducerRecord<>(topics.models(), id, version)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("checkpoint " + dir + " saved but ModelVersion " + id + " not published", e);
            }
            LOG.info("sft: checkpoint {} ({}), published {}", dir, metrics, id);
            lossSinceSave = 0;
            stepsSinceSave = 0;
            SftInstruments.CHECKPOINTS.inc();
            listener.onCheckpoint(dir, version);
        }
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }

    private static List<Integer> shuffled(int n, long seed) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        return order;
    }

    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        Thread t = thread();
        if (t != null) t.join(TimeUnit.MINUTES.toMillis(5));
    }
}
