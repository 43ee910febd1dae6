package invthink.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link OpenAiChatClient} talks to a chat-completions endpoint.
 *
 * @param baseUrl        the API root, e.g. {@code http://localhost:8000/v1} (vLLM) or
 *                       {@code https://api.openai.com/v1}; {@code /chat/completions} is appended
 * @param model          the model name sent with each request
 * @param apiKeyEnv      name of the environment variable holding the API key; the key itself is
 *                       never stored in settings or logged. A missing variable sends no key
 *                       (local vLLM and Ollama need none)
 * @param requestTimeout limit on one HTTP exchange
 * @param maxRetries     retries after the first attempt for timeouts, 429 and 5xx
 * @param initialBackoff first retry delay; doubles per retry, with jitter
 * @param maxBackoff     cap on the computed delay and on an honoured {@code Retry-After}
 */
public record OpenAiConfig(URI baseUrl, String model, String apiKeyEnv, Duration requestTimeout, int maxRetries,
                           Duration initialBackoff, Duration maxBackoff) {

    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    public OpenAiConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
    }

    /** Defaults for everything but the endpoint and model. */
    public static OpenAiConfig of(String baseUrl, String model) {
        return new OpenAiConfig(URI.create(baseUrl), model, DEFAULT_API_KEY_ENV, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_RETRIES, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public OpenAiConfig withApiKeyEnv(String env) {
        return new OpenAiConfig(baseUrl, model, env, requestTimeout, maxRetries, initialBackoff, maxBackoff);
    }

    public OpenAiConfig withRequestTimeout(Duration timeout) {
        return new OpenAiConfig(baseUrl, model, apiKeyEnv, timeout, maxRetries, initialBackoff, maxBackoff);
    }

    public OpenAiConfig withRetries(int retries, Duration initial, Duration max) {
        return new OpenAiConfig(baseUrl, model, apiKeyEnv, requestTimeout, retries, initial, max);
    }

    /** The chat-completions URL: the base URL unless it already names the endpoint. */
    public URI completionsUri() {
        String base = baseUrl.toString();
        if (base.endsWith("/chat/completions")) {
            return baseUrl;
        }
        return URI.create(base.replaceAll("/+$", "") + "/chat/completions");
    }
}
