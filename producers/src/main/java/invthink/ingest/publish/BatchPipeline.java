package invthink.ingest.publish;

import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Submission;
import invthink.prompt.Prepared;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes batches in input order while the next batch is being prepared. The per-record work
 * (normalise, redact, classify, hash) of batch N+1 runs on the common pool's workers while the
 * caller sends batch N; then the caller helps finish N+1. Preparing a batch and then sending it
 * left every core but one idle during the sends, a third of the time. Not thread-safe: one
 * caller, one source.
 */
public final class BatchPipeline {

    private final IngestPublisher publisher;
    private final String source;
    private final int helpers = Math.max(1, ForkJoinPool.getCommonPoolParallelism());
    private Batch pending;

    public BatchPipeline(IngestPublisher publisher, String source) {
        this.publisher = publisher;
        this.source = source;
    }

    /** Starts preparing {@code items} and sends the batch before it; returns that batch's results. */
    public List<PublishResult> publish(List<SourceItem> items) throws InterruptedException {
        Batch next = new Batch(new ArrayList<>(items));
        for (int i = 0; i < helpers; i++) {
            ForkJoinPool.commonPool().execute(next::work);
        }
        List<PublishResult> sent = finish();
        pending = next;
        return sent;
    }

    /** Sends the batch still being prepared, if any; returns its results. */
    public List<PublishResult> finish() throws InterruptedException {
        Batch batch = pending;
        pending = null;
        if (batch == null) {
            return List.of();
        }
        batch.work();
        batch.await();
        List<PublishResult> results = new ArrayList<>(batch.items.size());
        for (int i = 0; i < batch.items.size(); i++) {
            SourceItem item = batch.items.get(i);
            results.add(item instanceof Submission s ? publisher.publish(s, batch.prepared[i], source)
                    : publisher.publish(item, source));
        }
        return results;
    }

    /** One batch, prepared by whichever threads claim its items first. */
    private final class Batch {
        final List<SourceItem> items;
        final Prepared[] prepared;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger left;
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        Batch(List<SourceItem> items) {
            this.items = items;
            this.prepared = new Prepared[items.size()];
            this.left = new AtomicInteger(items.size());
            if (items.isEmpty()) {
                done.countDown();
            }
        }

        void work() {
            int i;
            while ((i = next.getAndIncrement()) < items.size()) {
                try {
                    if (items.get(i) instanceof Submission s) {
                        prepared[i] = publisher.prepare(s);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (left.decrementAndGet() == 0) {
                        done.countDown();
                    }
                }
            }
        }

        /** Blocks until every item is prepared (the latch also publishes the workers' writes). */
        void await() throws InterruptedException {
            done.await();
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }
}
