package invthink.grpo;

import ai.djl.Device;
import invthink.avro.AugmentedExample;
import invthink.avro.DeadLetter;
import invthink.avro.ModelVersion;
import invthink.avro.RolloutGroup;
import invthink.checkpoint.ModelDirectory;
import invthink.dlq.DeadLetters;
import invthink.generate.Generator;
import invthink.generate.SamplingParams;
import invthink.model.CausalLm;
import invthink.reward.WeightedRewards;
import invthink.serde.AvroSerdes;
import invthink.tokenizer.TextTokenizer;
import invthink.topic.Topics;
import invthink.train.BackgroundRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GRPO rollout worker: one member of a consumer group on the traces topic. For each selected
 * trace it samples a group from the current policy, rewards it, and publishes a
 * {@code RolloutGroup}; offsets are committed after the groups of a poll are acknowledged
 * (at least once: a crash may repeat a group, which the learner tolerates as one more sample).
 * Between polls it checks the models topic and swaps in a newer policy without restarting.
 */
public final class RolloutWorker extends BackgroundRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutWorker.class);
    public static final String STAGE = "grpo-worker";
    public static final String BASE_VERSION = "base";

    /** Hooks for tests and the benchmark. */
    public interface Listener {
        default void onGroup(RolloutGroup group, GroupSampler.Batch batch) {}

        default void onReload(String version) {}
    }

    private final WorkerOptions options;
    private final Map<String, Object> kafkaConfig;
    private final Topics topics;
    private final WeightedRewards rewards;
    private final Device device;
    private final Listener listener;
    private CausalLm model;
    private TextTokenizer tokenizer;
    private GroupSampler sampler;
    private String version = BASE_VERSION;
    private long groups;

    public RolloutWorker(WorkerOptions options, Map<String, Object> kafkaConfig, Topics topics, WeightedRewards rewards,
                         Device device, Listener listener) {
        super("grpo-worker");
        this.options = options;
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.topics = topics;
        this.rewards = rewards;
        this.device = device;
        this.listener = listener == null ? new Listener() {} : listener;
    }

    public RolloutWorker start() {
        startInBackground();
        return this;
    }

    @Override
    protected void afterWork() {
        if (model != null) model.close();
        if (tokenizer != null) tokenizer.close();
    }

    @Override
    protected void work() throws InterruptedException {
        Map<String, Object> consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Sampling a group takes seconds; keep polls small so the group never times us out.
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4);
        Map<String, Object> watcherConfig = new HashMap<>(kafkaConfig);
        watcherConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        watcherConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        Deserializer<AugmentedExample> traces = AvroSerdes.specific(AugmentedExample.class, kafkaConfig, false).deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaConsumer<String, ModelVersion> models = new KafkaConsumer<>(watcherConfig, new StringDeserializer(),
                     AvroSerdes.specific(ModelVersion.class, kafkaConfig, false).deserializer());
             KafkaProducer<String, RolloutGroup> out = new KafkaProducer<>(producerConfig, new StringSerializer(),
                     AvroSerdes.specific(RolloutGroup.class, kafkaConfig, false).serializer());
             KafkaProducer<byte[], DeadLetter> dlqProducer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     AvroSerdes.specific(DeadLetter.class, kafkaConfig, false).serializer())) {
            DeadLetters dlq = new DeadLetters(dlqProducer, topics.dlq(), STAGE);
            PolicyWatcher watcher = new PolicyWatcher(models, topics.models(), options.followPhase());
            load(options.baseModel(), StartVersion.read(options.baseModel()).orElse(BASE_VERSION));
            watcher.poll(Duration.ofMillis(200)).ifPresent(this::reload);
            PromptSelection selection = new PromptSelection(options.fraction());
            consumer.subscribe(List.of(topics.traces()));
            LOG.info("grpo worker: group {} on {}, fraction {}, G = {}, policy {}", options.groupId(), topics.traces(),
                    options.fraction(), options.groupSize(), version);
            while (stop.getCount() > 0 && (options.maxGroups() == 0 || groups < options.maxGroups())) {
                watcher.poll(Duration.ZERO).ifPresent(this::reload);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(options.pollTimeout())) {
                    AugmentedExample e;
                    try {
                        e = traces.deserialize(r.topic(), r.headers(), r.value());
                        if (e == null) throw new IllegalArgumentException("empty trace record");
                    } catch (RuntimeException ex) {
                        dlq.send(DeadLetters.fromRecord(STAGE, r, ex.getClass().getName(), "cannot decode AugmentedExample: " + ex.getMessage()));
                        continue;
                    }
                    if (!selection.selected(e.getPrompt().getId())) continue;
                    GroupSampler.Prompt prompt = GrpoPrompt.of(e, options.withTrace(), options.systemPrompt(), tokenizer);
                    GroupSampler.Batch batch = sampler.sample(List.of(prompt), options.seed() + r.offset() * 31 + r.partition());
                    RolloutGroup g = RolloutRecords.toAvro(batch.groups().get(0), version, options.withTrace(),
                            (float) options.temperature(), groups);
                    out.send(new ProducerRecord<>(topics.rollouts(), g.getPromptId(), g));
                    groups++;
                    listener.onGroup(g, batch);
                }
                out.flush();
                dlqProducer.flush();
                consumer.commitSync();
            }
        }
    }

    private void reload(ModelVersion v) {
        if (v.getId().equals(version)) return;
        Path dir = PolicyWatcher.checkpointDir(v);
        try {
            load(dir, v.getId());
        } catch (RuntimeException e) {
            // A checkpoint pruned or half-copied: keep sampling with the policy we have; the next version is moments away.
            LOG.warn("grpo worker: cannot load {} from {} ({}); keeping {}", v.getId(), dir, e.getMessage(), version);
            return;
        }
        LOG.info("grpo worker: policy {} loaded from {}", v.getId(), dir);
        listener.onReload(v.getId());
    }

    private void load(Path dir, String id) {
        CausalLm next = CausalLm.load(dir, device);
        TextTokenizer nextTokenizer = TextTokenizer.load(dir);
        if (model != null) model.close();
        if (tokenizer != null) tokenizer.close();
        model = next;
        tokenizer = nextTokenizer;
        version = id;
        SamplingParams params = new SamplingParams(options.maxNewTokens(), options.temperature(), 0, options.topP(),
                ModelDirectory.stopTokenIds(tokenizer, model.config().eosTokenId()), List.of(), options.seed());
        sampler = new GroupSampler(new Generator(model, tokenizer), rewards, params, options.groupSize(), options.scale());
    }

    public String policyVersion() {
        return version;
    }

    @Override
    public void close() {
        stop.countDown();
    }
}
