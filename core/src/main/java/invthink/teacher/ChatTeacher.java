package invthink.teacher;

import invthink.avro.Prompt;
import invthink.avro.TokenUsage;
import invthink.avro.ValidationStatus;
import invthink.openai.ChatClient;
import invthink.openai.ChatException;
import invthink.openai.ChatMessage;
import invthink.openai.ChatRequest;
import invthink.openai.ChatResponse;
import invthink.trace.ParseResult;
import invthink.trace.TraceValidator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A teacher LLM behind any OpenAI-compatible endpoint. An answer that fails validation gets one
 * repair round (the teacher sees its reply and the precise problems); a second failure is a
 * permanent {@link TeacherException.Kind#INVALID_TRACE} carrying the teacher's text.
 */
public final class ChatTeacher implements Teacher {

    private final ChatClient client;
    private final ChatTeacherSettings settings;
    private final TraceValidator validator;
    private final Map<String, String> parameters;
    private final ChatMessage system;

    public ChatTeacher(ChatClient client, ChatTeacherSettings settings) {
        this.client = client;
        this.settings = settings;
        this.validator = TraceValidator.forRoutes(settings.routes());
        this.system = ChatMessage.system(InvThinkPrompt.system(settings.routes()));
        Map<String, String> p = new TreeMap<>();
        p.put("temperature", Double.toString(settings.temperature()));
        p.put("max_tokens", Integer.toString(settings.maxTokens()));
        p.put("prompt_version", InvThinkPrompt.VERSION);
        settings.extra().forEach((k, v) -> p.put(k, String.valueOf(v)));
        this.parameters = java.util.Collections.unmodifiableMap(p);
    }

    @Override
    public CompletableFuture<TeacherAnswer> teach(Prompt prompt) {
        List<ChatMessage> messages = List.of(system, ChatMessage.user(InvThinkPrompt.user(prompt)));
        return ask(messages).thenCompose(first -> {
            ParseResult checked = validator.validate(first.content());
            if (checked.ok()) {
                return CompletableFuture.completedFuture(new TeacherAnswer(first.content(), checked.trace().get(),
                        ValidationStatus.VALID, List.of(), usage(first, null)));
            }
            List<String> firstErrors = checked.reasons();
            return ask(InvThinkPrompt.repair(messages, first.content(), firstErrors, settings.routes())).thenApply(second -> {
                ParseResult again = validator.validate(second.content());
                if (!again.ok()) {
                    throw new TeacherException(TeacherException.Kind.INVALID_TRACE,
                            "invalid trace after one repair round: " + again.summary() + " (first attempt: "
                                    + String.join("; ", firstErrors) + ")",
                            second.content(), 200, -1, null);
                }
                return new TeacherAnswer(second.content(), again.trace().get(), ValidationStatus.REPAIRED, firstErrors,
                        usage(first, second));
            });
        });
    }

    private CompletableFuture<ChatResponse> ask(List<ChatMessage> messages) {
        ChatRequest request = new ChatRequest(messages, settings.temperature(), settings.maxTokens(), settings.extra());
        CompletableFuture<ChatResponse> call;
        try {
            call = client.complete(request);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.exceptionallyCompose(error -> CompletableFuture.failedFuture(translate(error)));
    }

    private static Throwable translate(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TeacherException) {
            return cause;
        }
        if (cause instanceof ChatException chat) {
            return new TeacherException(chat.retryable() ? TeacherException.Kind.UNAVAILABLE : TeacherException.Kind.REFUSED,
                    chat.getMessage(), null, chat.status(), chat.retryAfter().map(d -> d.toMillis()).orElse(-1L), chat);
        }
        return new TeacherException(TeacherException.Kind.REFUSED, "teacher call failed: " + cause, null, -1, -1, cause);
    }

    private static TokenUsage usage(ChatResponse first, ChatResponse second) {
        if (first.promptTokens() < 0 && first.completionTokens() < 0) {
            return null;
        }
        long in = Math.max(0, first.promptTokens()) + (second == null ? 0 : Math.max(0, second.promptTokens()));
        long out = Math.max(0, first.completionTokens()) + (second == null ? 0 : Math.max(0, second.completionTokens()));
        return TokenUsage.newBuilder().setPromptTokens(in).setCompletionTokens(out).setTotalTokens(in + out).build();
    }

    @Override
    public String model() {
        return client.model();
    }

    @Override
    public int routes() {
        return settings.routes();
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public void close() {
        client.close();
    }
}
