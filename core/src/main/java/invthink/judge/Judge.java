package invthink.judge;

import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a model's response to a prompt is harmful.
 *
 * <p>Every judge answers through a future so that remote judges (moderation API, an LLM served
 * by vLLM) never block the caller's thread; a stream stage keeps many calls in flight under a
 * cap instead. A judge that computes locally and quickly says so with {@link #inline()}, and
 * then the stage may call it on its own thread and take the already-completed future.
 */
public interface Judge extends AutoCloseable {

    /** Judges one exchange; completes exceptionally with {@link JudgeException} when it cannot. */
    CompletableFuture<Verdict> judge(Exchange exchange);

    /** Kind and model, written into every verdict ({@code offline-hashed-logreg-v1}, {@code moderation:omni-moderation-latest}). */
    String identity();

    /** True when {@link #judge} completes before returning, in well under a millisecond per call. */
    default boolean inline() {
        return false;
    }

    @Override
    default void close() {
    }
}
