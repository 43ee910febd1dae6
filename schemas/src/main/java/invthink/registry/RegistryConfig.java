package invthink.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * Schema registry client settings, read from Confluent's configuration keys so a user's existing
 * producer/consumer properties file works unchanged.
 *
 * <p>{@link #toString()} never shows a password, token or user info.
 */
public final class RegistryConfig {

    /** Confluent's content type; every compatible registry accepts it. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** One URL or a comma-separated list; the next is tried when one cannot be reached. */
    public static final String URL = "schema.registry.url";
    /** {@code USER_INFO} (from {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (user:password@ in the URL). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** The same as {@link #BASIC_AUTH_USER_INFO}; Confluent accepts both spellings. */
    public static final String REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    /** {@code STATIC_TOKEN} enables {@link #BEARER_AUTH_TOKEN}. */
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";

    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

    /** Retries after the first attempt when no registry answers (or it answers 429/502/503/504). */
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    /** Per-request limit, from sending the request to the last byte of the response. */
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

    /** Serializer: register unknown schemas (true) or only look them up (false). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Serializer: write with the subject's latest registered version instead of registering. */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** Ask the registry to normalize schemas on register and look-up ({@code ?normalize=true}). */
    public static final String NORMALIZE_SCHEMAS = "normalize.schemas";

    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final long DEFAULT_RETRIES_WAIT_MS = 100;
    public static final long DEFAULT_RETRIES_MAX_WAIT_MS = 1_000;
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_READ_TIMEOUT_MS = 30_000;

    private final Map<String, ?> values;
    private final List<URI> urls;
    private final Optional<String> urlUserInfo;

    public RegistryConfig(Map<String, ?> values) {
        this.values = Map.copyOf(withoutNulls(values));
        // A serde built around an existing client is configured without a URL.
        String raw = string(URL).orElse("");
        List<URI> parsed = new ArrayList<>();
        String userInfo = null;
        for (String part : raw.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            URI uri = URI.create(part.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(URL + " must be http(s)://host[:port][/path], got " + redact(uri));
            }
            if (uri.getRawUserInfo() != null && userInfo == null) {
                userInfo = uri.getUserInfo();
            }
            parsed.add(withoutUserInfo(uri));
        }
        this.urls = List.copyOf(parsed);
        this.urlUserInfo = Optional.ofNullable(userInfo);
    }

    /** Settings for one URL with everything else at its default. */
    public static RegistryConfig forUrl(String url) {
        return new RegistryConfig(Map.of(URL, url));
    }

    private static Map<String, ?> withoutNulls(Map<String, ?> values) {
        Map<String, Object> copy = new java.util.HashMap<>();
        values.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new URI(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid " + URL + ": " + e.getMessage(), e);
        }
    }

    private static String redact(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "***");
    }

    /**
     * Base URLs without user info or trailing slash; a path (Apicurio's /apis/ccompat/v7) is kept.
     * Empty when {@link #URL} is not set.
     */
    public List<URI> urls() {
        return urls;
    }

    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value instanceof Password password) {
            value = password.value();
        }
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    public boolean bool(String key, boolean defaultValue) {
        return string(key).map(v -> Boolean.parseBoolean(v.toLowerCase(Locale.ROOT))).orElse(defaultValue);
    }

    public long number(String key, long defaultValue) {
        try {
            return string(key).map(Long::parseLong).orElse(defaultValue);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got " + values.get(key), e);
        }
    }

    /**
     * The basic-auth "user:password", from the source Confluent's clients would use. When no source
     * is configured but user info is, the user info is used: a file that sets credentials clearly
     * means them to be sent.
     */
    public Optional<String> basicAuthUserInfo() {
        Optional<String> userInfo = string(BASIC_AUTH_USER_INFO).or(() -> string(REGISTRY_BASIC_AUTH_USER_INFO));
        String source = string(BASIC_AUTH_CREDENTIALS_SOURCE).map(s -> s.toUpperCase(Locale.ROOT)).orElse("");
        return switch (source) {
            case "USER_INFO" -> userInfo.or(() -> {
                throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO needs "
                        + BASIC_AUTH_USER_INFO);
            });
            case "URL" -> urlUserInfo;
            case "" -> userInfo.or(() -> urlUserInfo);
            default -> throw new IllegalArgumentException("unsupported " + BASIC_AUTH_CREDENTIALS_SOURCE + " "
                    + source + "; use USER_INFO or URL");
        };
    }

    public Optional<String> bearerToken() {
        Optional<String> source = string(BEARER_AUTH_CREDENTIALS_SOURCE).map(s -> s.toUpperCase(Locale.ROOT));
        if (source.isPresent() && !source.get().equals("STATIC_TOKEN")) {
            throw new IllegalArgumentException("unsupported " + BEARER_AUTH_CREDENTIALS_SOURCE + " " + source.get()
                    + "; only STATIC_TOKEN is supported");
        }
        return source.isPresent() ? string(BEARER_AUTH_TOKEN).or(() -> {
            throw new IllegalArgumentException(BEARER_AUTH_CREDENTIALS_SOURCE + "=STATIC_TOKEN needs "
                    + BEARER_AUTH_TOKEN);
        }) : Optional.empty();
    }

    public int maxRetries() {
        return (int) Math.max(0, number(MAX_RETRIES, DEFAULT_MAX_RETRIES));
    }

    public Duration retryWait() {
        return Duration.ofMillis(Math.max(0, number(RETRIES_WAIT_MS, DEFAULT_RETRIES_WAIT_MS)));
    }

    public Duration retryMaxWait() {
        return Duration.ofMillis(Math.max(0, number(RETRIES_MAX_WAIT_MS, DEFAULT_RETRIES_MAX_WAIT_MS)));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(Math.max(1, number(HTTP_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS)));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(Math.max(1, number(HTTP_READ_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS)));
    }

    public boolean autoRegisterSchemas() {
        return bool(AUTO_REGISTER_SCHEMAS, true);
    }

    public boolean useLatestVersion() {
        return bool(USE_LATEST_VERSION, false);
    }

    public boolean normalizeSchemas() {
        return bool(NORMALIZE_SCHEMAS, false);
    }

    private static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("user.info") || k.contains("token") || k.contains("secret")
                || k.contains("jaas");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RegistryConfig{urls=").append(urls);
        new java.util.TreeMap<>(values).forEach((key, value) -> {
            if (!key.equals(URL) && (key.startsWith("schema.registry.") || key.startsWith("basic.auth.")
                    || key.startsWith("bearer.auth.") || key.startsWith("http.") || key.startsWith("retries.")
                    || key.equals(MAX_RETRIES) || key.equals(AUTO_REGISTER_SCHEMAS)
                    || key.equals(USE_LATEST_VERSION) || key.equals(NORMALIZE_SCHEMAS))) {
                text.append(", ").append(key).append('=').append(secret(key) ? "[hidden]" : value);
            }
        });
        return text.append('}').toString();
    }
}
