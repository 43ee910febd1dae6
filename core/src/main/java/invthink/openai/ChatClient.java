package invthink.openai;

import java.util.concurrent.CompletableFuture;

/**
 * Sends chat-completions requests without blocking the caller. Implementations complete the
 * future exceptionally with {@link ChatException} once retries are exhausted.
 */
public interface ChatClient extends AutoCloseable {

    CompletableFuture<ChatResponse> complete(ChatRequest request);

    /** The model name requests are sent for. */
    String model();

    @Override
    default void close() {
    }
}
