package invthink.score;

import invthink.judge.Judge;
import invthink.metrics.MetricsSettings;
import invthink.metrics.MetricsTopology;
import invthink.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring stage: responses → judge → scores → metric windows, running until closed.
 *
 * <p>An inline judge runs inside one Kafka Streams application together with the metrics windows.
 * A remote judge runs in an {@link AsyncScorer} on plain clients beside a Streams application
 * for the metrics alone. Client settings the user passes win over the defaults set here
 * (exactly-once, a 100 ms commit interval so windows update live).
 */
public final class ScoreStage implements AutoCloseable {

    public static final String STAGE = "score";
    private static final long LIVE_COMMIT_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ScoreStage.class);

    /**
     * @param applicationId Streams application id and consumer group (one per pipeline)
     * @param metrics       window shapes and alerts
     * @param concurrency   remote judge calls in flight at most
     * @param callTimeout   how long one remote verdict may take, retries included
     */
    public record Settings(String applicationId, MetricsSettings metrics, int concurrency, Duration callTimeout) {
        public static Settings defaults(Topics topics) {
            return new Settings(topics.prefix() + "score", MetricsSettings.defaults(), 16, Duration.ofMinutes(2));
        }
    }

    private final KafkaStreams streams;
    private final AsyncScorer scorer;

    private ScoreStage(KafkaStreams streams, AsyncScorer scorer) {
        this.streams = streams;
        this.scorer = scorer;
    }

    /** The whole topology for an inline judge, or the metrics part alone when {@code judge} is null. */
    public static Topology topology(Topics topics, Judge judge, MetricsSettings metrics, Map<String, ?> serdeConfig, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        if (judge != null) {
            ScoringTopology.addTo(builder, topics, judge, serdeConfig, clock);
        }
        MetricsTopology.addTo(builder, topics, metrics, serdeConfig, clock);
        return builder.build();
    }

    /** Streams properties: the user's client config, then this stage's defaults where unset. */
    public static Properties streamsProperties(Map<String, Object> kafkaConfig, String applicationId) {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Live views: commit (and so flush the record cache downstream) every 100 ms, under any guarantee.
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, LIVE_COMMIT_MS);
        return props;
    }

    public static ScoreStage start(Map<String, Object> kafkaConfig, Topics topics, Judge judge, Settings settings, Clock clock) {
        boolean inline = judge.inline();
        Topology topology = topology(topics, inline ? judge : null, settings.metrics(), kafkaConfig, clock);
        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(kafkaConfig, settings.applicationId()));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("scoring stream failed; replacing its thread: {}", e.toString());
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        AsyncScorer scorer = null;
        try {
            if (!inline) {
                scorer = new AsyncScorer(new HashMap<>(kafkaConfig), settings.applicationId() + "-remote", topics, judge,
                        settings.concurrency(), settings.callTimeout(), clock).start();
            }
            streams.start();
        } catch (RuntimeException e) {
            if (scorer != null) {
                scorer.close();
            }
            streams.close(Duration.ofSeconds(10));
            throw e;
        }
        LOG.info("score stage started: judge {} ({}), {} -> {} -> {}", judge.identity(), inline ? "inline" : "async, " + settings.concurrency()
                + " in flight", topics.responses(), topics.scores(), topics.metrics());
        return new ScoreStage(streams, scorer);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        if (scorer != null) {
            scorer.close();
        }
        streams.close(Duration.ofSeconds(30));
    }
}
