package invthink.teacher;

import invthink.avro.Prompt;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes an inverse trace and a safe answer for a prompt, asynchronously. The future fails with
 * {@link TeacherException}, whose {@link TeacherException#retryable()} says whether asking again
 * later may help.
 */
public interface Teacher extends AutoCloseable {

    CompletableFuture<TeacherAnswer> teach(Prompt prompt);

    /** The teacher model's identity, recorded on every example. */
    String model();

    /** Harms asked for (K reasoning routes). */
    int routes();

    /** Request parameters that shape the answer (temperature, max tokens, ...); never secrets. */
    Map<String, String> parameters();

    /**
     * Whether an answer is worth caching the moment it arrives (a paid or slow call). A teacher
     * that answers locally for free says no, and a crash simply asks it again.
     */
    default boolean answersAreCostly() {
        return true;
    }

    @Override
    default void close() {
    }
}
