package invthink.train;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle the trainers and the rollout worker share: run on the caller's thread (a CLI
 * command) or on a daemon thread ({@code up}), stop on request, and report how the run ended.
 * A failure on a background thread is kept for {@link #failure()}; on the caller's thread it is
 * also thrown, so a command fails with it.
 */
public abstract class BackgroundRun implements Runnable {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    /** Counted down when a stop is requested; subclasses check it between units of work. */
    protected final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile Throwable failure;

    /** @param name the thread's name, and how failures are logged */
    protected BackgroundRun(String name) {
        this.name = name;
    }

    /** The run itself; returns when done or when {@link #stop} is counted down. */
    protected abstract void work() throws Exception;

    /** After {@link #work()}, however it ended, on the same thread (release what the run holds). */
    protected void afterWork() {
    }

    /** Starts {@link #run()} on a daemon thread and returns at once. */
    protected final void startInBackground() {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** The background thread, or null when running on the caller's. */
    protected final Thread thread() {
        return thread;
    }

    protected final boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Waits for the run to end; true if it ended in time. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** Why the run failed, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public final void run() {
        try {
            work();
        } catch (Throwable t) {
            failure = t;
            log.error("{} failed: {}", name, t.toString(), t);
            if (thread == null) {
                if (t instanceof RuntimeException re) throw re;
                throw new IllegalStateException(t);
            }
        } finally {
            try {
                afterWork();
            } finally {
                finished.countDown();
            }
        }
    }
}
