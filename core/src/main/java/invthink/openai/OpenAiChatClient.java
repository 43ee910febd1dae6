package invthink.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChatClient} for any OpenAI-compatible chat-completions endpoint, on {@code java.net.http}.
 *
 * <p>One {@link HttpClient} per instance keeps connections alive across requests. Calls never
 * block the caller: retries run on a delayed executor. Timeouts, connection failures, 408, 429
 * and 5xx are retried with exponential backoff and jitter; a {@code Retry-After} on 429/503 is
 * honoured; one longer than {@link OpenAiConfig#maxBackoff()} ends the call with a retryable
 * {@link ChatException} carrying the wait, so the caller can schedule it. Other 4xx and malformed responses fail
 * at once: repeating them would only repeat the refusal.
 */
public final class OpenAiChatClient implements ChatClient {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_SNIPPET = 300;
    /**
     * Runs the HTTP client's own tasks and the callbacks of every response, for all clients. A
     * fixed pool: the client's default cached pool hands each task over through a queue whose
     * idle threads spin, and at hundreds of calls in flight that spinning cost more CPU than
     * parsing the answers.
     */
    private static final java.util.concurrent.ExecutorService CALLBACKS = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("openai-client"));

    private final OpenAiConfig config;
    private final String apiKey;
    private final HttpClient http;
    private final java.net.URI completions;

    /** Reads the API key from the process environment. */
    public OpenAiChatClient(OpenAiConfig config) {
        this(config, System::getenv);
    }

    /** @param environment where the variable named by {@link OpenAiConfig#apiKeyEnv()} is looked up */
    public OpenAiChatClient(OpenAiConfig config, Function<String, String> environment) {
        this.config = config;
        String key = config.apiKeyEnv() == null ? null : environment.apply(config.apiKeyEnv());
        this.apiKey = key == null || key.isBlank() ? null : key.strip();
        this.completions = config.completionsUri();
        this.http = HttpClient.newBuilder()
                // Plain HTTP/1.1 with keep-alive: every gateway speaks it; h2c upgrades confuse some.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout())
                .executor(CALLBACKS)
                .build();
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request) {
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        byte[] body;
        try {
            body = encode(request);
        } catch (IOException | IllegalArgumentException e) {
            result.completeExceptionally(new ChatException("cannot encode request: " + e.getMessage(), -1, false, e));
            return result;
        }
        attempt(body, 0, result);
        return result;
    }

    /**
     * The request body, written field by field (a tree built and then serialised cost twice as
     * much per call). An extra parameter named like a standard one replaces it.
     */
    private byte[] encode(ChatRequest request) throws IOException {
        Map<String, Object> extra = request.extra();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (!extra.containsKey("model")) {
                g.writeStringField("model", config.model());
            }
            if (!extra.containsKey("messages")) {
                g.writeArrayFieldStart("messages");
                for (ChatMessage m : request.messages()) {
                    g.writeStartObject();
                    g.writeStringField("role", m.role());
                    g.writeStringField("content", m.content());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (!extra.containsKey("temperature")) {
                g.writeNumberField("temperature", request.temperature());
            }
            if (!extra.containsKey("max_tokens")) {
                g.writeNumberField("max_tokens", request.maxTokens());
            }
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                g.writeFieldName(e.getKey());
                JSON.writeValue(g, e.getValue());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private void attempt(byte[] body, int attempt, CompletableFuture<ChatResponse> result) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(completions)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            ChatException failure;
            if (error != null) {
                failure = transportFailure(error);
            } else if (response.statusCode() / 100 == 2) {
                try {
                    result.complete(parse(response.body()));
                    return;
                } catch (ChatException e) {
                    failure = e;
                }
            } else {
                failure = httpFailure(response);
            }
            // A Retry-After beyond our cap goes back to the caller, who can wait without holding this call.
            boolean waitTooLong = failure.retryAfter().filter(d -> d.compareTo(config.maxBackoff()) > 0).isPresent();
            if (failure.retryable() && attempt < config.maxRetries() && !waitTooLong) {
                Duration delay = failure.retryAfter().orElseGet(() -> backoff(attempt));
                LOG.debug("chat attempt {} failed ({}); retrying in {} ms", attempt + 1, failure.getMessage(), delay.toMillis());
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(body, attempt + 1, result));
            } else {
                result.completeExceptionally(failure);
            }
        });
    }

    private ChatException transportFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return new ChatException("no answer within " + config.requestTimeout().toMillis() + " ms", -1, true, cause);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            return new ChatException("cannot reach " + config.completionsUri() + ": " + cause, -1, true, cause);
        }
        return new ChatException("request failed: " + cause, -1, false, cause);
    }

    private static ChatException httpFailure(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        boolean retryable = status == 408 || status == 429 || status >= 500;
        Duration retryAfter = status == 429 || status == 503
                ? response.headers().firstValue("Retry-After").map(OpenAiChatClient::retryAfter).orElse(null)
                : null;
        return new ChatException("HTTP " + status + ": " + snippet(text(response.body())), status, retryable, retryAfter, null);
    }

    static ChatResponse parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses the raw bytes: Jackson's UTF-8 parser skips decoding the whole body to a string first. */
    static ChatResponse parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ChatException("malformed JSON in response: " + message + " in " + snippet(text(body)), 200, false, e);
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        JsonNode content = choice == null ? null : choice.path("message").path("content");
        List<ToolCall> toolCalls = choice == null ? List.of() : toolCalls(choice.path("message").path("tool_calls"));
        // A message that only calls tools has a null content; one with neither is malformed.
        if (content == null || !(content.isTextual() || (content.isNull() || content.isMissingNode()) && !toolCalls.isEmpty())) {
            throw new ChatException("response has no choices[0].message.content: " + snippet(text(body)), 200, false, null);
        }
        JsonNode usage = root.path("usage");
        return new ChatResponse(content.isTextual() ? content.asText() : "", root.path("model").asText(null),
                usage.path("prompt_tokens").asLong(-1), usage.path("completion_tokens").asLong(-1),
                choice.path("finish_reason").asText(null), toolCalls);
    }

    private static List<ToolCall> toolCalls(JsonNode calls) {
        List<ToolCall> out = new ArrayList<>();
        for (JsonNode call : calls) {
            JsonNode function = call.path("function");
            if (!function.path("name").isTextual()) {
                continue;
            }
            JsonNode arguments = function.path("arguments");
            // Arguments are a JSON string by the spec; some servers send the object itself.
            String args = arguments.isTextual() ? arguments.asText() : arguments.isMissingNode() ? "" : arguments.toString();
            out.add(new ToolCall(call.path("id").asText(null), function.path("name").asText(), args));
        }
        return out;
    }

    /** Seconds or an HTTP date; null when unreadable. */
    static Duration retryAfter(String value) {
        String v = value.strip();
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    /** Exponential with "equal jitter": half fixed, half random, so retries of many calls spread out. */
    private Duration backoff(int attempt) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt, 20);
        long cap = Math.min(base, config.maxBackoff().toMillis());
        long half = Math.max(1, cap / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static String text(byte[] body) {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= BODY_SNIPPET ? oneLine : oneLine.substring(0, BODY_SNIPPET) + "...";
    }

    @Override
    public void close() {
        // HttpClient frees its connections when unreachable; Java 21's close() is not available on 17.
    }
}
