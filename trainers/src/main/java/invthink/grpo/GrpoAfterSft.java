package invthink.grpo;

import ai.djl.Device;
import invthink.avro.ModelVersion;
import invthink.avro.TrainingPhase;
import invthink.reward.WeightedRewards;
import invthink.serde.AvroSerdes;
import invthink.sft.SftCheckpoints;
import invthink.sft.TrainerState;
import invthink.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GRPO after SFT in one JVM ({@code invthink up}): waits for the first SFT {@code ModelVersion}
 * whose checkpoint is on disk, copies that checkpoint to {@code startDir} (SFT prunes its old
 * checkpoints, and the starting policy and the KL reference must outlive them), then runs a
 * rollout worker and the learner from the copy. The worker follows GRPO versions only, so it
 * samples the learner's policy, not a newer SFT one. Started again with the copy in place, it
 * starts at once, and the learner resumes from its own newest checkpoint.
 */
public final class GrpoAfterSft implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GrpoAfterSft.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);

    private final Path startDir;
    private final WorkerOptions worker;
    private final LearnerOptions learner;
    private final WeightedRewards rewards;
    private final Map<String, Object> kafkaConfig;
    private final Topics topics;
    private final Device device;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile RolloutWorker runningWorker;
    private volatile GrpoTrainer runningLearner;
    private volatile Throwable failure;

    /** The model paths of {@code worker} and {@code learner} are replaced by the copied SFT checkpoint. */
    public GrpoAfterSft(Path startDir, WorkerOptions worker, LearnerOptions learner, WeightedRewards rewards,
                        Map<String, Object> kafkaConfig, Topics topics, Device device) {
        this.startDir = startDir;
        this.worker = worker.following(TrainingPhase.GRPO);
        this.learner = learner;
        this.rewards = rewards;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.topics = topics;
        this.device = device;
    }

    public GrpoAfterSft start() {
        Thread t = new Thread(this, "grpo-after-sft");
        t.setDaemon(true);
        t.start();
        return this;
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void run() {
        try {
            if (!awaitFirstSftVersion(kafkaConfig, topics, startDir, () -> stop.getCount() == 0)) return;
            synchronized (this) {
                if (stop.getCount() == 0) return;
                runningLearner = new GrpoTrainer(learner.withModels(startDir, startDir), kafkaConfig, topics, device, null).start();
                runningWorker = new RolloutWorker(worker.withBaseModel(startDir), kafkaConfig, topics, rewards, device, null).start();
            }
            LOG.info("grpo: worker and learner started from {}", startDir);
        } catch (Throwable t) {
            failure = t;
            LOG.error("grpo not started: {}", t.toString(), t);
        } finally {
            finished.countDown();
        }
    }

    /**
     * Copies the first SFT version's checkpoint (or, if it was pruned, the first one still on
     * disk) to {@code target}, waiting for one to be published; at once if {@code target} holds a
     * model already. False when {@code stopped} turned true first.
     */
    public static boolean awaitFirstSftVersion(Map<String, Object> kafkaConfig, Topics topics, Path target,
                                               BooleanSupplier stopped) throws IOException {
        if (Files.isRegularFile(target.resolve("config.json"))) return true;
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        LOG.info("grpo: waiting for the first SFT version on {}", topics.models());
        try (KafkaConsumer<String, ModelVersion> models = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.specific(ModelVersion.class, kafkaConfig, false).deserializer())) {
            List<TopicPartition> parts = models.partitionsFor(topics.models()).stream()
                    .map(p -> new TopicPartition(topics.models(), p.partition())).toList();
            models.assign(parts);
            models.seekToBeginning(parts);
            while (!stopped.getAsBoolean()) {
                for (ConsumerRecord<String, ModelVersion> r : models.poll(POLL)) {
                    ModelVersion v = r.value();
                    if (v == null || v.getPhase() != TrainingPhase.SFT) continue;
                    Path dir = PolicyWatcher.checkpointDir(v);
                    try {
                        copyModel(dir, target, v.getId());
                        LOG.info("grpo: starting from SFT version {} (copied {} to {})", v.getId(), dir, target);
                        return true;
                    } catch (NoSuchFileException pruned) {
                        LOG.info("grpo: SFT version {} is gone from {} (pruned); waiting for a newer one", v.getId(), dir);
                    }
                }
            }
        }
        return false;
    }

    /**
     * The model files of a checkpoint (not its optimizer moments or trainer state) and the id of the
     * version it is, renamed into place whole.
     */
    static void copyModel(Path checkpoint, Path target, String versionId) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!Files.isRegularFile(f) || name.equals(SftCheckpoints.OPTIMIZER_FILE) || name.equals(TrainerState.FILE_NAME)) {
                    continue;
                }
                Files.copy(f, partial.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!Files.isRegularFile(partial.resolve("config.json"))) throw new NoSuchFileException(checkpoint.resolve("config.json").toString());
        StartVersion.write(partial, versionId);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Stops waiting, or stops the worker and the learner (each after its current step). */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            stop.countDown();
        }
        finished.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        RolloutWorker w = runningWorker;
        GrpoTrainer l = runningLearner;
        if (w != null) w.close();
        if (l != null) l.close();
        if (w != null) w.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (l != null) l.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
