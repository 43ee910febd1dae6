package invthink.eval.run;

import invthink.progress.ProgressBar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a benchmark's requests with at most {@code maxInFlight} outstanding, under a progress bar.
 *
 * <p>A semaphore rather than a thread pool: the chat client and remote judges are asynchronous,
 * so the limit is on open requests (what an endpoint's batch size and rate limits care about),
 * not on threads. Results come back in the order of the inputs.
 */
public final class EvalRunner {

    private static final Logger LOG = LoggerFactory.getLogger(EvalRunner.class);
    /** Failures logged per task; the rest are only counted in the scores, so one broken endpoint does not flood the log. */
    private static final int LOGGED_FAILURES = 3;

    private final int maxInFlight;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    public EvalRunner(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * Records why an item failed (the endpoint rejected the request, the judge gave up, ...): the
     * first few per task are logged with their reason, since the scores only count them.
     */
    public void failed(String task, Throwable error) {
        int n = failures.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet();
        if (n <= LOGGED_FAILURES) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
            LOG.warn("{}: item failed: {}{}", task, cause.getMessage(), n == LOGGED_FAILURES ? " (further failures of this task are only counted)" : "");
        }
    }

    /**
     * Calls {@code work} for every input and waits for all results. {@code work} should turn its own
     * failures into a result (an error outcome); one that still fails ends the run with its cause.
     */
    public <P, R> List<R> run(String task, List<P> inputs, Function<P, CompletableFuture<R>> work) throws InterruptedException {
        Semaphore permits = new Semaphore(maxInFlight);
        List<CompletableFuture<R>> futures = new ArrayList<>(inputs.size());
        try (ProgressBar bar = new ProgressBar(task, inputs.size(), "req")) {
            for (P input : inputs) {
                permits.acquire();
                CompletableFuture<R> f;
                try {
                    f = work.apply(input);
                } catch (RuntimeException e) {
                    f = CompletableFuture.failedFuture(e);
                }
                futures.add(f.whenComplete((r, e) -> {
                    permits.release();
                    bar.step();
                }));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        }
        List<R> results = new ArrayList<>(futures.size());
        for (CompletableFuture<R> f : futures) {
            results.add(f.join());
        }
        return results;
    }
}
