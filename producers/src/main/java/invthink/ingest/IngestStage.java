package invthink.ingest;

import invthink.ingest.demo.DemoFeed;
import invthink.ingest.http.HttpIngestServer;
import invthink.ingest.publish.IngestProducers;
import invthink.ingest.publish.IngestPublisher;
import invthink.ingest.publish.IngestSummary;
import invthink.ingest.publish.RecentIds;
import invthink.prompt.PromptPreparer;
import invthink.topic.Topics;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest part of {@code invthink up}: HTTP ingest and, unless turned off, the demo feed, on
 * one idempotent producer. Closing stops both and flushes what they sent.
 */
public final class IngestStage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

    /**
     * @param http     HTTP ingest settings, or null for none
     * @param demo     whether to stream the bundled demo data
     * @param demoRate demo prompts per second
     * @param demoLoop whether the demo repeats
     */
    public record Settings(HttpIngestServer.Settings http, boolean demo, double demoRate, boolean demoLoop, int maxPromptBytes) {
    }

    private final KafkaProducer<byte[], Object> producer;
    private final IngestPublisher publisher;
    private HttpIngestServer server;
    private DemoFeed demo;

    private IngestStage(Map<String, Object> kafkaConfig, Topics topics, Settings settings) {
        this.producer = IngestProducers.create(kafkaConfig, "invthink-ingest", null);
        this.publisher = new IngestPublisher(producer, topics, new PromptPreparer(settings.maxPromptBytes()),
                new RecentIds(100_000), new IngestSummary());
    }

    public static IngestStage start(Map<String, Object> kafkaConfig, Topics topics, Settings settings) throws IOException {
        IngestStage stage = new IngestStage(kafkaConfig, topics, settings);
        try {
            if (settings.http() != null) {
                stage.server = HttpIngestServer.start(settings.http(), stage.publisher);
            }
            if (settings.demo()) {
                stage.demo = DemoFeed.start(stage.publisher, settings.demoRate(), settings.demoLoop());
            }
            return stage;
        } catch (IOException | RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    public IngestSummary summary() {
        return publisher.summary();
    }

    /** The HTTP ingest URL, or null when it is off. */
    public String httpUrl() {
        return server == null ? null : server.url() + HttpIngestServer.PATH;
    }

    @Override
    public void close() {
        if (demo != null) {
            demo.close();
        }
        if (server != null) {
            server.close();
        }
        producer.close();
        LOG.info("ingest: {}", publisher.summary().render());
    }
}
