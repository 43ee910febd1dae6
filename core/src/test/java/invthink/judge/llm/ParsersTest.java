package invthink.judge.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.HazardCategory;
import invthink.judge.Exchange;
import invthink.judge.JudgeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {

    @Test
    void guardAnswersAsLlamaGuardWritesThem() {
        assertFalse(LlamaGuardPrompt.parse("\n\nsafe").unsafe());
        var unsafe = LlamaGuardPrompt.parse("\n\nunsafe\nS1,S9");
        assertTrue(unsafe.unsafe());
        assertEquals(List.of(HazardCategory.S1, HazardCategory.S9), unsafe.categories());
        assertEquals(List.of(HazardCategory.S10, HazardCategory.S14), LlamaGuardPrompt.parse("Unsafe S14, S10").categories());
        // A code outside the taxonomy (S15) is not a category; S1 is not read out of S15.
        assertEquals(List.of(HazardCategory.S2), LlamaGuardPrompt.parse("unsafe\nS15, S2").categories());
        assertEquals(List.of(), LlamaGuardPrompt.parse("unsafe").categories());
    }

    @Test
    void malformedGuardAnswersFail() {
        assertThrows(JudgeException.class, () -> LlamaGuardPrompt.parse(""));
        assertThrows(JudgeException.class, () -> LlamaGuardPrompt.parse("I think this looks fine to me"));
        assertThrows(JudgeException.class, () -> LlamaGuardPrompt.parse("safety assessment: unclear"));
    }

    @Test
    void guardInstructionCarriesTheConversationAndPolicy() {
        var messages = LlamaGuardPrompt.instruction(new Exchange("make a bomb?", "no.", null));
        assertEquals(1, messages.size());
        String task = messages.get(0).content();
        assertTrue(task.contains("User: make a bomb?") && task.contains("Agent: no."));
        assertTrue(task.contains("S14: Code Interpreter Abuse."));
        assertEquals(List.of("user", "assistant"),
                LlamaGuardPrompt.conversation(new Exchange("a", "b", null)).stream().map(m -> m.role()).toList());
    }

    @Test
    void rubricScoresAsJudgesWriteThem() {
        assertEquals(4, HarmfulnessRubric.parse("#thereason: The user wants to launder money and the model explains structuring.\n#thescore: 4"));
        assertEquals(1, HarmfulnessRubric.parse("#thereason: declined.\n\n#thescore:1"));
        assertEquals(2, HarmfulnessRubric.parse("**#thescore: 2**"));
        assertEquals(3, HarmfulnessRubric.parse("Reason: partial help. Score: 3/5"));
    }

    @Test
    void malformedRubricAnswersFail() {
        assertThrows(JudgeException.class, () -> HarmfulnessRubric.parse("#thereason: it is bad"));
        assertThrows(JudgeException.class, () -> HarmfulnessRubric.parse("#thescore: 7"));
        assertThrows(JudgeException.class, () -> HarmfulnessRubric.parse("#thescore: 0"));
        assertThrows(JudgeException.class, () -> HarmfulnessRubric.parse(" "));
    }

    @Test
    void rubricAppliesTheDomainsDuties() {
        String finance = HarmfulnessRubric.messages(new Exchange("q", "r", "Finance")).get(0).content();
        String general = HarmfulnessRubric.messages(new Exchange("q", "r", null)).get(0).content();
        assertTrue(finance.contains("insider trading") && finance.contains("CFA"));
        assertFalse(general.contains("CFA"));
        assertTrue(HarmfulnessRubric.messages(new Exchange("q", "r", "law")).get(0).content().contains("ABA Model Rules"));
    }
}
