package invthink.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.Prompt;
import invthink.avro.ValidationStatus;
import invthink.openai.LocalChatServer;
import invthink.openai.LocalChatServer.Reply;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatTeacherTest {

    private static final Prompt PROMPT = Prompts.of("How much ibuprofen can I take?", "medicine", List.of("S6"), Map.of());
    private static final String VALID = new OfflineTeacher(3).answer(PROMPT).text();

    private static ChatTeacher teacher(LocalChatServer server) {
        OpenAiConfig config = OpenAiConfig.of(server.baseUrl(), "gpt-test")
                .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10));
        return new ChatTeacher(new OpenAiChatClient(config, n -> null), new ChatTeacherSettings(3, 0.5, 512, Map.of()));
    }

    @Test
    void acceptsAValidFirstAnswer() throws Exception {
        List<LocalChatServer.Call> calls = new CopyOnWriteArrayList<>();
        try (LocalChatServer server = LocalChatServer.start(call -> {
            calls.add(call);
            return Reply.completion(VALID);
        })) {
            TeacherAnswer answer = teacher(server).teach(PROMPT).get(30, TimeUnit.SECONDS);
            assertEquals(ValidationStatus.VALID, answer.status());
            assertEquals(VALID, answer.text());
            assertEquals(100, answer.usage().getPromptTokens());
            String system = calls.get(0).messages().get(0).content();
            assertTrue(system.contains("exactly 3 distinct ways"), system);
            assertTrue(system.contains("<invthink>") && system.contains("Mitigation Strategy:"), system);
            assertTrue(calls.get(0).lastUser().contains("How much ibuprofen"), calls.get(0).lastUser());
        }
    }

    @Test
    void repairsOnceWithThePreciseProblem() throws Exception {
        List<LocalChatServer.Call> calls = new CopyOnWriteArrayList<>();
        String truncated = VALID.substring(0, VALID.indexOf("</think>"));
        try (LocalChatServer server = LocalChatServer.start(call -> {
            calls.add(call);
            return Reply.completion(call.sequence() == 1 ? truncated : VALID);
        })) {
            TeacherAnswer answer = teacher(server).teach(PROMPT).get(30, TimeUnit.SECONDS);
            assertEquals(ValidationStatus.REPAIRED, answer.status());
            assertEquals(1, answer.firstErrors().size());
            assertTrue(answer.firstErrors().get(0).contains("never closed by </think>"), answer.firstErrors().toString());
            assertEquals(200, answer.usage().getPromptTokens(), "usage sums both rounds");
            List<invthink.openai.ChatMessage> repair = calls.get(1).messages();
            assertEquals(truncated, repair.get(2).content(), "the teacher sees its own first attempt");
            assertTrue(repair.get(3).content().contains("never closed by </think>"), repair.get(3).content());
        }
    }

    @Test
    void aSecondBadAnswerIsAPermanentFailureCarryingTheText() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> Reply.completion("I'd rather not use tags."))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> teacher(server).teach(PROMPT).get(30, TimeUnit.SECONDS));
            TeacherException t = assertInstanceOf(TeacherException.class, e.getCause());
            assertEquals(TeacherException.Kind.INVALID_TRACE, t.kind());
            assertEquals("I'd rather not use tags.", t.teacherText());
            assertTrue(t.getMessage().contains("no <invthink> block"), t.getMessage());
            assertEquals(2, server.calls(), "exactly one repair round");
        }
    }

    @Test
    void endpointFailuresKeepTheirRetryability() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> Reply.status(503, "down"))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> teacher(server).teach(PROMPT).get(30, TimeUnit.SECONDS));
            TeacherException t = assertInstanceOf(TeacherException.class, e.getCause());
            assertEquals(TeacherException.Kind.UNAVAILABLE, t.kind());
            assertTrue(t.retryable());
        }
        try (LocalChatServer server = LocalChatServer.start(call -> Reply.status(401, "bad key"))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> teacher(server).teach(PROMPT).get(30, TimeUnit.SECONDS));
            TeacherException t = assertInstanceOf(TeacherException.class, e.getCause());
            assertEquals(TeacherException.Kind.REFUSED, t.kind());
            assertEquals(401, t.status());
        }
    }

    @Test
    void showsTheProductionResponseWhenThePromptCameWithOne() {
        Prompt withResponse = Prompts.of("Is it safe to mix bleach and ammonia?", null, List.of(),
                Map.of(InvThinkPrompt.RESPONSE_METADATA_KEY, "Sure, mixing them makes a stronger cleaner."));
        String user = InvThinkPrompt.user(withResponse);
        assertTrue(user.contains("Production reply:\nSure, mixing them makes a stronger cleaner."), user);
        assertTrue(!InvThinkPrompt.user(PROMPT).contains("Production reply"));
    }
}
