package invthink.dashboard;

import invthink.dashboard.view.AlertRules;
import invthink.dashboard.view.Limits;
import invthink.topic.Topics;
import java.time.Duration;
import java.util.Map;

/**
 * How a dashboard runs.
 *
 * @param host            interface to bind (localhost by default: the page is for the operator's machine)
 * @param port            HTTP port; 0 picks a free one
 * @param topics          the pipeline's topics
 * @param kafkaConfig     client settings incl. {@code bootstrap.servers} and {@code schema.registry.url},
 *                        passed through unchanged
 * @param history         how far back event topics are read at start
 * @param probeInterval   how often throughput and lag are read from the broker
 * @param rediscovery     how often to look for topics and partitions that appeared
 * @param thresholds      when alerts fire
 * @param limits          how much the in-memory view keeps
 * @param replayEvents    live events kept for clients that reconnect
 * @param clientQueue     events that may wait for one client before it is dropped as too slow
 * @param maxClients      concurrent live-stream connections
 * @param heartbeat       keep-alive interval of the live stream
 */
public record DashboardSettings(String host, int port, Topics topics, Map<String, Object> kafkaConfig,
                                Duration history, Duration probeInterval, Duration rediscovery,
                                AlertRules.Thresholds thresholds, Limits limits, int replayEvents, int clientQueue,
                                int maxClients, Duration heartbeat) {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 8080;

    public DashboardSettings {
        kafkaConfig = Map.copyOf(kafkaConfig);
        if (replayEvents < 1 || clientQueue < 1 || maxClients < 1) {
            throw new IllegalArgumentException("replay buffer, client queue and client limit must be positive");
        }
    }

    /** Defaults for everything but where to listen and what to read. */
    public static DashboardSettings of(String host, int port, Topics topics, Map<String, Object> kafkaConfig) {
        return new DashboardSettings(host, port, topics, kafkaConfig, Duration.ofHours(6), Duration.ofSeconds(5),
                Duration.ofSeconds(30), AlertRules.Thresholds.defaults(), Limits.defaults(), 10_000, 4_096, 64,
                Duration.ofSeconds(15));
    }

    public DashboardSettings withHistory(Duration value) {
        return new DashboardSettings(host, port, topics, kafkaConfig, value, probeInterval, rediscovery, thresholds,
                limits, replayEvents, clientQueue, maxClients, heartbeat);
    }

    public DashboardSettings withProbeInterval(Duration value) {
        return new DashboardSettings(host, port, topics, kafkaConfig, history, value, rediscovery, thresholds,
                limits, replayEvents, clientQueue, maxClients, heartbeat);
    }

    public DashboardSettings withThresholds(AlertRules.Thresholds value) {
        return new DashboardSettings(host, port, topics, kafkaConfig, history, probeInterval, rediscovery, value,
                limits, replayEvents, clientQueue, maxClients, heartbeat);
    }

    public DashboardSettings withLiveStream(int replay, int queue, int clients) {
        return new DashboardSettings(host, port, topics, kafkaConfig, history, probeInterval, rediscovery, thresholds,
                limits, replay, queue, clients, heartbeat);
    }
}
