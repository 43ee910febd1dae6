package invthink.topic;

import java.time.Duration;
import java.util.List;

/**
 * The names and shapes of every pipeline topic, for one topic prefix.
 *
 * <p>Partition counts are the starting point for one machine; scale out by adding partitions
 * and instances. Event logs keep a week by default; state-like topics (models, the schema
 * registry's own log) are compacted so the latest record per key survives forever.
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "invthink.";

    public static final String PROMPTS = "prompts";
    public static final String TRACES = "traces";
    public static final String ROLLOUTS = "rollouts";
    public static final String MODELS = "models";
    public static final String RESPONSES = "responses";
    public static final String SCORES = "scores";
    public static final String METRICS = "metrics";
    public static final String DLQ = "dlq";
    /** Trainers' per-update metrics under TRL's names, for dashboards and Prometheus. */
    public static final String TRAINING_METRICS = "training-metrics";
    /** The enrichment stage's teacher-answer cache: latest answer per request hash, compacted. */
    public static final String TEACHER_CACHE = "teacher-cache";
    /** The embedded schema registry's log; its name follows Confluent's, with no pipeline prefix. */
    public static final String SCHEMAS = "_schemas";

    private static final long WEEK_MS = Duration.ofDays(7).toMillis();
    private static final long MONTH_MS = Duration.ofDays(30).toMillis();
    private static final int PARTITIONS = 3;

    private final String prefix;

    public Topics(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    public String prompts() {
        return prefix + PROMPTS;
    }

    public String traces() {
        return prefix + TRACES;
    }

    public String rollouts() {
        return prefix + ROLLOUTS;
    }

    public String models() {
        return prefix + MODELS;
    }

    public String responses() {
        return prefix + RESPONSES;
    }

    public String scores() {
        return prefix + SCORES;
    }

    public String metrics() {
        return prefix + METRICS;
    }

    public String trainingMetrics() {
        return prefix + TRAINING_METRICS;
    }

    public String dlq() {
        return prefix + DLQ;
    }

    public String teacherCache() {
        return prefix + TEACHER_CACHE;
    }

    /** The schema registry topic; a non-default prefix puts it beside the pipeline's topics. */
    public String schemas() {
        return DEFAULT_PREFIX.equals(prefix) || prefix.isEmpty() ? SCHEMAS : "_" + prefix + "schemas";
    }

    /** Every topic of the pipeline, registry log included, in data-flow order. */
    public List<TopicSpec> all() {
        return List.of(
                new TopicSpec(prompts(), PARTITIONS, false, WEEK_MS),
                new TopicSpec(traces(), PARTITIONS, false, MONTH_MS),
                new TopicSpec(rollouts(), PARTITIONS, false, WEEK_MS),
                new TopicSpec(models(), 1, true, -1),
                new TopicSpec(responses(), PARTITIONS, false, WEEK_MS),
                new TopicSpec(scores(), PARTITIONS, false, WEEK_MS),
                new TopicSpec(metrics(), 1, false, MONTH_MS),
                new TopicSpec(trainingMetrics(), 1, false, MONTH_MS),
                new TopicSpec(dlq(), 1, false, MONTH_MS),
                new TopicSpec(teacherCache(), PARTITIONS, true, -1),
                schemasSpec());
    }

    /** The registry log: one partition so its order is the order of registration. */
    public TopicSpec schemasSpec() {
        return new TopicSpec(schemas(), 1, true, -1);
    }
}
