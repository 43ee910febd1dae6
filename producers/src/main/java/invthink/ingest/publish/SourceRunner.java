package invthink.ingest.publish;

import invthink.ingest.source.ItemSource;
import invthink.ingest.source.SourceItem;
import invthink.progress.ProgressBar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a finite source: once, or over and over with {@code loop} (demos), at an optional
 * rate, with a progress bar, until done or {@link #stop()}. Waits for every acknowledgement at
 * the end of each pass, so "done" means "on the broker".
 */
public final class SourceRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRunner.class);
    private static final int BATCH = 512;

    /** Opens the source afresh for each pass. */
    @FunctionalInterface
    public interface Opener {
        ItemSource open() throws IOException;
    }

    private final IngestPublisher publisher;
    private final double rate;
    private final boolean loop;
    private final boolean progress;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public SourceRunner(IngestPublisher publisher, double rate, boolean loop, boolean progress) {
        this.publisher = publisher;
        this.rate = rate;
        this.loop = loop;
        this.progress = progress;
    }

    /** Runs until the source ends (or forever with loop, until stopped); throws when a send failed. */
    public void run(Opener opener) throws IOException, InterruptedException {
        RatePacer pacer = new RatePacer(rate);
        int pass = 0;
        do {
            pass++;
            if (pass > 1) {
                // Each pass of a loop republishes: the point of a demo loop is a stream that keeps flowing.
                publisher.recent().clear();
            }
            try (ItemSource source = opener.open();
                 ProgressBar bar = progress ? new ProgressBar("ingest " + source.name(), source.expectedTotal(), "records") : null) {
                SourceItem item;
                if (rate > 0) {
                    while (!stopped.get() && (item = source.next()) != null) {
                        pacer.acquire();
                        publisher.publish(item, source.name());
                        if (bar != null) {
                            bar.step();
                        }
                    }
                } else {
                    // Unpaced: prepare in batches on all cores while the previous batch is sent.
                    BatchPipeline pipeline = new BatchPipeline(publisher, source.name());
                    List<SourceItem> batch = new ArrayList<>(BATCH);
                    boolean more = true;
                    while (more && !stopped.get()) {
                        batch.clear();
                        while (batch.size() < BATCH && (item = source.next()) != null) {
                            batch.add(item);
                        }
                        more = batch.size() == BATCH;
                        pipeline.publish(batch);
                        if (bar != null) {
                            bar.stepBy(batch.size());
                        }
                    }
                    pipeline.finish();
                }
                publisher.flush();
            }
            if (publisher.sendFailure() != null) {
                throw new IOException("publishing failed: " + publisher.sendFailure().getMessage(), publisher.sendFailure());
            }
            if (loop) {
                LOG.info("pass {} done: {}", pass, publisher.summary().render());
            }
        } while (loop && !stopped.get());
    }

    public void stop() {
        stopped.set(true);
    }

    @Override
    public void close() {
        stop();
    }
}
