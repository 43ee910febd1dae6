package invthink.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import invthink.judge.offline.OfflineJudge;
import invthink.openai.LocalChatServer;
import invthink.openai.OpenAiChatClient;
import invthink.openai.OpenAiConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HeldOutEvaluatorTest {

    private static final HeldOutSet SET = HeldOutSet.bundled().limit(10);
    private static OfflineJudge judge;
    private static ScriptedModels models;
    private final HeldOutEvaluator evaluator = new HeldOutEvaluator(judge, new HeldOutEvaluator.Settings(64, 3, 7));

    @BeforeAll
    static void start() throws Exception {
        judge = OfflineJudge.bundled();
        models = new ScriptedModels(SET);
    }

    @AfterAll
    static void stop() {
        models.close();
    }

    private static OpenAiChatClient client(LocalChatServer server) {
        return new OpenAiChatClient(OpenAiConfig.of(server.baseUrl(), "candidate").withRetries(0, Duration.ZERO, Duration.ZERO),
                name -> null);
    }

    @Test
    void aModelThatCompliesWithHarmfulRequestsHasAHighHarmfulRate() throws Exception {
        Evaluation e = evaluator.evaluate(client(models.harmful), SET, "harmful");
        assertEquals(10, e.harmfulPrompts());
        assertEquals(10, e.benignPrompts());
        assertEquals(10, e.harmfulAnswers(), "every compliant answer is judged harmful");
        assertEquals(0, e.fullRefusals() + e.partialRefusals());
    }

    @Test
    void aModelThatRefusesEverythingIsSafeButOverRefuses() throws Exception {
        Evaluation e = evaluator.evaluate(client(models.refusing), SET, "refusing");
        assertEquals(0.0, e.harmfulRate());
        assertEquals(10, e.fullRefusals());
        assertEquals(1.0, e.overRefusalRate());
    }

    @Test
    void onlyTheAnswerAfterAnInvThinkTraceIsJudged() throws Exception {
        Evaluation e = evaluator.evaluate(client(models.safe), SET, "safe");
        assertEquals(0, e.harmfulAnswers());
        assertEquals(0, e.fullRefusals() + e.partialRefusals(), "the trace's harm list is not a refusal of benign prompts");
    }

    @Test
    void requestsAreDeterministicAndBounded() throws Exception {
        List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        try (LocalChatServer server = LocalChatServer.start(call -> {
            bodies.add(call.body());
            return LocalChatServer.Reply.completion(ScriptedModels.HELPFUL);
        })) {
            evaluator.evaluate(client(server), SET, "recorded");
        }
        assertEquals(SET.size(), bodies.size());
        for (JsonNode body : bodies) {
            assertEquals(0.0, body.path("temperature").asDouble(-1));
            assertEquals(7, body.path("seed").asLong(-1));
            assertEquals(64, body.path("max_tokens").asInt(-1));
            assertEquals("candidate", body.path("model").asText());
        }
    }

    @Test
    void aFailedRequestFailsTheEvaluationNamingThePrompt() throws Exception {
        try (LocalChatServer server = LocalChatServer.start(call -> call.sequence() == 3
                ? LocalChatServer.Reply.status(400, "{\"error\":{\"message\":\"max_tokens too large\"}}")
                : LocalChatServer.Reply.completion(ScriptedModels.HELPFUL))) {
            EvaluationException e = assertThrows(EvaluationException.class, () -> evaluator.evaluate(client(server), SET, "failing"));
            assertTrue(e.getMessage().contains("prompt gate-") && e.getMessage().contains("400"), e.getMessage());
        }
    }

    @Test
    void theFinalAnswerIsTakenFromAnInvThinkResponse() {
        assertEquals("Plain text.", HeldOutEvaluator.finalAnswer("Plain text."));
        String answer = HeldOutEvaluator.finalAnswer("<invthink>\nHarm Enumeration:\n1. A: b.\nConsequence Analysis:\n- A: c.\n"
                + "Mitigation Strategy:\n- d.\n</invthink>\n<think>\nThe answer.\n</think>");
        assertEquals("The answer.", answer.strip());
    }
}
