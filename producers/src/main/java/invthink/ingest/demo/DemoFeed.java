package invthink.ingest.demo;

import invthink.ingest.dataset.DatasetFormat;
import invthink.ingest.publish.IngestPublisher;
import invthink.ingest.publish.SourceRunner;
import invthink.ingest.source.FieldMapping;
import invthink.ingest.source.ItemSource;
import invthink.ingest.source.LineFileSource;
import invthink.ingest.source.LineFormat;
import invthink.ingest.source.Reply;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Submission;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the bundled demo data on a background thread: the production log first (so the scoring
 * stream has responses early), then the corpus, at a steady rate, once or in a loop.
 */
public final class DemoFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);
    public static final String CORPUS = "/invthink/demo/prompts.jsonl";
    public static final String PRODUCTION_LOG = "/invthink/demo/production.jsonl";

    private final SourceRunner runner;
    private final Thread thread;

    private DemoFeed(IngestPublisher publisher, double rate, boolean loop) {
        this.runner = new SourceRunner(publisher, rate, loop, false);
        this.thread = new Thread(() -> {
            try {
                runner.run(DemoFeed::open);
                LOG.info("demo feed done: {}", publisher.summary().render());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("demo feed stopped: {}", e.toString());
            }
        }, "invthink-demo-feed");
        thread.setDaemon(true);
    }

    /** Starts streaming; {@code rate} prompts per second (0 for as fast as possible). */
    public static DemoFeed start(IngestPublisher publisher, double rate, boolean loop) {
        DemoFeed feed = new DemoFeed(publisher, rate, loop);
        feed.thread.start();
        LOG.info("demo feed: streaming the bundled production log and prompt corpus at {}/s{}", rate, loop ? ", looping" : "");
        return feed;
    }

    /** Both bundled files, production log first, as one source. */
    public static ItemSource open() throws IOException {
        ItemSource log = new LineFileSource(resource(PRODUCTION_LOG), "production.jsonl", LineFormat.AUTO,
                FieldMapping.defaults(), "log:demo/production.jsonl");
        ItemSource corpus = DatasetFormat.INVTHINK.open(copyOut(CORPUS));
        return new ItemSource() {
            private boolean logDone;

            @Override
            public SourceItem next() throws IOException {
                if (!logDone) {
                    SourceItem item = log.next();
                    if (item instanceof Submission s && s.reply() != null && s.reply().at() != null) {
                        // A replay shown live: the log's own timestamps are days old, and the scoring
                        // windows would drop its responses as late. Answered now, they count now.
                        return new Submission(s.candidate(), new Reply(s.reply().text(), s.reply().model(), null), s.location(), s.raw());
                    }
                    if (item != null) {
                        return item;
                    }
                    logDone = true;
                }
                return corpus.next();
            }

            @Override
            public String name() {
                return "demo";
            }

            @Override
            public void close() throws IOException {
                log.close();
                corpus.close();
            }
        };
    }

    static InputStream resource(String name) {
        InputStream in = DemoFeed.class.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("bundled resource " + name + " is missing from the jar"));
        }
        return in;
    }

    /** Dataset loaders read files; the corpus is copied out of the jar once per pass. */
    private static Path copyOut(String name) throws IOException {
        Path tmp = Files.createTempFile("invthink-demo-", ".jsonl");
        tmp.toFile().deleteOnExit();
        try (InputStream in = resource(name)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    @Override
    public void close() {
        runner.stop();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
