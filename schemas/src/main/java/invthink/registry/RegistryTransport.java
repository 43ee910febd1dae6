package invthink.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one JSON request to the registry: fail-over across the configured URLs, bounded retries
 * with exponential back-off, authentication, and mapping of error bodies to
 * {@link SchemaRegistryException}.
 */
final class RegistryTransport {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Statuses that mean "this node is overloaded or restarting", worth another attempt. */
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

    private final List<URI> urls;
    private final HttpClient http;
    private final Duration readTimeout;
    private final Optional<String> authorization;
    private final int maxRetries;
    private final Duration retryWait;
    private final Duration retryMaxWait;
    /** Index of the URL that answered last: start there next time. */
    private final AtomicInteger preferred = new AtomicInteger();

    RegistryTransport(RegistryConfig config) {
        this.urls = config.urls();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("missing " + RegistryConfig.URL);
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL);
        RegistryTls.context(config).ifPresent(builder::sslContext);
        this.http = builder.build();
        this.readTimeout = config.readTimeout();
        Optional<String> bearer = config.bearerToken();
        this.authorization = bearer.isPresent() ? bearer.map(t -> "Bearer " + t)
                : config.basicAuthUserInfo().map(info -> "Basic "
                        + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.maxRetries = config.maxRetries();
        this.retryWait = config.retryWait();
        this.retryMaxWait = config.retryMaxWait();
    }

    List<URI> urls() {
        return urls;
    }

    /**
     * Sends a request and returns the parsed JSON body.
     *
     * @param pathAndQuery already percent-encoded, starting with '/'
     * @param body         null for no body
     */
    JsonNode send(String method, String pathAndQuery, JsonNode body) {
        String context = method + " " + pathAndQuery;
        String payload = body == null ? null : body.toString();
        Throwable lastFailure = null;
        HttpResponse<String> lastRetryable = null;
        int attempts = 0;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                pause(attempt);
            }
            attempts++;
            int start = preferred.get();
            for (int i = 0; i < urls.size(); i++) {
                int index = (start + i) % urls.size();
                URI uri = URI.create(urls.get(index) + pathAndQuery);
                try {
                    HttpResponse<String> response = http.send(request(method, uri, payload),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (RETRYABLE_STATUS.contains(response.statusCode())) {
                        lastRetryable = response;
                        LOG.debug("registry {} answered {} to {}; trying next", urls.get(index), response.statusCode(),
                                context);
                        continue;
                    }
                    preferred.set(index);
                    return handle(response, context);
                } catch (IOException e) {
                    lastFailure = e;
                    LOG.debug("registry {} unreachable for {}: {}", urls.get(index), context, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE,
                            SchemaRegistryException.NO_RESPONSE, "interrupted", context, e);
                }
            }
        }
        if (lastRetryable != null && lastFailure == null) {
            return handle(lastRetryable, context);
        }
        LOG.warn("schema registry {} unreachable after {} attempt(s) for {}", urls, attempts, context);
        throw new RegistryUnreachableException(urls, attempts, context, lastFailure);
    }

    private void pause(int attempt) {
        long millis = Math.min(retryMaxWait.toMillis(), retryWait.toMillis() << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE,
                    SchemaRegistryException.NO_RESPONSE, "interrupted while waiting to retry", null, e);
        }
    }

    private HttpRequest request(String method, URI uri, String payload) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", RegistryConfig.CONTENT_TYPE + ", application/json")
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (payload != null) {
            builder.header("Content-Type", RegistryConfig.CONTENT_TYPE);
        }
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private static JsonNode handle(HttpResponse<String> response, String context) {
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        JsonNode json = parse(text);
        if (status >= 200 && status < 300) {
            if (json == null && !text.isBlank()) {
                throw new SchemaRegistryException(status, status, "response is not JSON: " + abbreviate(text),
                        context, null);
            }
            return json == null ? NullNode.getInstance() : json;
        }
        int code = status;
        String message = abbreviate(text);
        if (json != null && json.isObject()) {
            code = json.path("error_code").asInt(status);
            message = json.path("message").asText(message);
        }
        throw new SchemaRegistryException(status, code, message, context, null);
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    @Override
    public String toString() {
        // Names the scheme of the credentials only, never the credentials.
        return "RegistryTransport{urls=" + urls + ", auth="
                + authorization.map(a -> a.substring(0, a.indexOf(' ')) + " [hidden]").orElse("none") + "}";
    }
}
