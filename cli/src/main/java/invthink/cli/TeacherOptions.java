package invthink.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import invthink.teacher.ChatTeacher;
import invthink.teacher.ChatTeacherSettings;
import invthink.teacher.OfflineTeacher;
import invthink.teacher.Teacher;
import invthink.trace.TraceValidator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which teacher writes the traces: the offline taxonomy teacher (no network; for trying the
 * pipeline) or any OpenAI-compatible endpoint (vLLM, Ollama, OpenAI, LiteLLM, ...). Mixed into
 * {@code enrich} and {@code up}. The API key is read from the environment variable named by
 * {@code --teacher-api-key-env}, never from a flag or file.
 */
public final class TeacherOptions {

    /** Teacher kinds. */
    public enum Kind { offline, openai }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--teacher", defaultValue = "offline",
            description = "offline (deterministic, from the hazard taxonomy; no network) or openai "
                    + "(any OpenAI-compatible chat-completions endpoint). Default: ${DEFAULT-VALUE}.")
    Kind kind;

    @Option(names = "--teacher-url", defaultValue = "http://localhost:8000/v1", paramLabel = "URL",
            description = "Base URL of the chat-completions API (default: ${DEFAULT-VALUE}, a local vLLM).")
    String url;

    @Option(names = "--teacher-model", paramLabel = "NAME", description = "Model name sent to the endpoint (required with --teacher openai).")
    String model;

    @Option(names = "--teacher-api-key-env", defaultValue = OpenAiConfig.DEFAULT_API_KEY_ENV, paramLabel = "VAR",
            description = "Environment variable holding the API key (default: ${DEFAULT-VALUE}); unset sends no key.")
    String apiKeyEnv;

    @Option(names = "--routes", defaultValue = "" + TraceValidator.DEFAULT_ROUTES,
            description = "Harms (reasoning routes) per trace, K (default: ${DEFAULT-VALUE}).")
    int routes;

    @Option(names = "--teacher-temperature", defaultValue = "" + ChatTeacherSettings.DEFAULT_TEMPERATURE,
            description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--teacher-max-tokens", defaultValue = "" + ChatTeacherSettings.DEFAULT_MAX_TOKENS,
            description = "Completion token limit (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--teacher-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Limit on one teacher request (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--teacher-retries", defaultValue = "" + OpenAiConfig.DEFAULT_MAX_RETRIES,
            description = "Retries of one request on timeouts, 429 and 5xx (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--teacher-param", paramLabel = "KEY=VALUE",
            description = "Extra request body parameter, repeatable (e.g. top_p=0.9, seed=7); values are JSON when they parse as JSON.")
    Map<String, String> params = new LinkedHashMap<>();

    /** The teacher these options describe. */
    public Teacher teacher() {
        if (routes < 1) {
            throw new IllegalArgumentException("--routes must be at least 1");
        }
        if (kind == Kind.offline) {
            return new OfflineTeacher(routes);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("--teacher openai needs --teacher-model");
        }
        OpenAiConfig config = OpenAiConfig.of(url, model)
                .withApiKeyEnv(apiKeyEnv)
                .withRequestTimeout(Duration.ofSeconds(timeoutSeconds))
                .withRetries(retries, OpenAiConfig.DEFAULT_INITIAL_BACKOFF, OpenAiConfig.DEFAULT_MAX_BACKOFF);
        Map<String, Object> extra = new LinkedHashMap<>();
        params.forEach((k, v) -> extra.put(k, jsonOrString(v)));
        return new ChatTeacher(new OpenAiChatClient(config), new ChatTeacherSettings(routes, temperature, maxTokens, extra));
    }

    private static Object jsonOrString(String value) {
        try {
            return JSON.readValue(value, Object.class);
        } catch (Exception notJson) {
            return value;
        }
    }
}
