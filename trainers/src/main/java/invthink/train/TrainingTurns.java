package invthink.train;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * DJL allows one gradient collector per JVM, so trainers sharing a JVM (SFT and the GRPO
 * learner in {@code invthink up}) take turns: every update that opens a collector holds the
 * turn from zeroing gradients to the optimizer step. The lock is fair, so two trainers that
 * both wait alternate update by update instead of one starving the other.
 */
public final class TrainingTurns {

    private static final ReentrantLock TURN = new ReentrantLock(true);
    private static final AtomicLong TAKEN = new AtomicLong();

    private TrainingTurns() {}

    /** Held for one update; close it to pass the turn on. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for the turn (the thread's own turn may be taken again: nested updates do not deadlock). */
    public static Turn take() {
        TURN.lock();
        TAKEN.incrementAndGet();
        return TURN::unlock;
    }

    /** Turns taken in this JVM so far. */
    public static long taken() {
        return TAKEN.get();
    }
}
