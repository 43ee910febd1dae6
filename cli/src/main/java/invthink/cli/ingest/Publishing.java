package invthink.cli.ingest;

import invthink.ingest.publish.IngestProducers;
import invthink.ingest.publish.IngestPublisher;
import invthink.ingest.publish.IngestSummary;
import invthink.ingest.publish.RecentIds;
import invthink.ingest.publish.SourceRunner;
import invthink.prompt.PromptPreparer;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Runs a finite source the way every ingest command does: topics ensured, summary printed. */
final class Publishing {

    private static final int RECENT_IDS = 1_000_000;

    private Publishing() {
    }

    /** Creates the topics ingest writes to, if missing (an existing cluster may not have them yet). */
    static void ensureTopics(Map<String, Object> kafka, Topics topics) {
        try (Admin admin = Admin.create(kafka)) {
            TopicCreator.ensure(admin, topics.all().stream().filter(t -> List.of(topics.prompts(), topics.responses(),
                    topics.dlq()).contains(t.name())).toList());
        }
    }

    static IngestSummary run(Map<String, Object> kafka, Topics topics, int maxPromptBytes, double rate, boolean loop,
                             SourceRunner.Opener opener, PrintWriter out) throws Exception {
        ensureTopics(kafka, topics);
        IngestSummary summary = new IngestSummary();
        try (KafkaProducer<byte[], Object> producer = IngestProducers.create(kafka, "invthink-ingest", null)) {
            IngestPublisher publisher = new IngestPublisher(producer, topics, new PromptPreparer(maxPromptBytes),
                    new RecentIds(RECENT_IDS), summary);
            SourceRunner runner = new SourceRunner(publisher, rate, loop, true);
            Thread hook = new Thread(runner::stop, "invthink-ingest-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                runner.run(opener);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it only asked the runner to stop
                }
            }
        } finally {
            out.println(summary.render());
            out.flush();
        }
        return summary;
    }
}
