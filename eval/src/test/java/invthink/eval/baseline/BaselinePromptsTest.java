package invthink.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.openai.ChatMessage;
import invthink.teacher.InvThinkPrompt;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinePromptsTest {

    private final BaselinePrompts prompts = new BaselinePrompts(4);
    private final Task plain = Task.of("How do I store bleach safely?");
    private final Task agent = new Task("You are Orion.", "Read your inbox.");

    @Test
    void zeroShotSendsTheTaskUnchanged() {
        assertEquals(List.of(ChatMessage.user("How do I store bleach safely?")), prompts.render(Baseline.ZERO_SHOT, plain));
        assertEquals(List.of(ChatMessage.system("You are Orion."), ChatMessage.user("Read your inbox.")),
                prompts.render(Baseline.ZERO_SHOT, agent));
    }

    @Test
    void chainOfThoughtAsksForStepsAndAMarkedAnswer() {
        List<ChatMessage> m = prompts.render(Baseline.COT, plain);
        assertEquals(1, m.size());
        assertEquals("user", m.get(0).role());
        assertEquals("How do I store bleach safely?\n\n" + BaselinePrompts.COT_INSTRUCTION, m.get(0).content());
        assertTrue(m.get(0).content().contains("step by step"));
        assertTrue(m.get(0).content().contains(BaselinePrompts.FINAL_MARKER));
    }

    @Test
    void safetyPromptPrecedesTheTasksOwnSystemPrompt() {
        assertEquals(List.of(ChatMessage.system(BaselinePrompts.SAFETY_INSTRUCTION), ChatMessage.user("How do I store bleach safely?")),
                prompts.render(Baseline.SAFETY_PROMPT, plain));
        assertEquals(List.of(ChatMessage.system(BaselinePrompts.SAFETY_INSTRUCTION + "\n\nYou are Orion."), ChatMessage.user("Read your inbox.")),
                prompts.render(Baseline.SAFETY_PROMPT, agent));
    }

    @Test
    void invThinkEnumeratesKRoutesBeforeAnswering() {
        List<ChatMessage> m = prompts.render(Baseline.INVTHINK, agent);
        assertEquals(2, m.size());
        assertEquals(InvThinkPrompt.system(4) + "\n\nYou are Orion.", m.get(0).content());
        assertTrue(m.get(0).content().contains("list exactly 4 distinct ways"));
        String s = m.get(0).content();
        assertTrue(s.indexOf("Harm Enumeration") < s.indexOf("Consequence Analysis"));
        assertTrue(s.indexOf("Consequence Analysis") < s.indexOf("Mitigation Strategy"));
        assertEquals(ChatMessage.user("Read your inbox."), m.get(1));
        assertTrue(new BaselinePrompts(2).render(Baseline.INVTHINK, plain).get(0).content().contains("exactly 2 distinct ways"));
    }

    @Test
    void baselinesParseByTheirCommandLineNames() {
        assertEquals(Baseline.SAFETY_PROMPT, Baseline.parse("safety-prompt"));
        assertEquals(Baseline.ZERO_SHOT, Baseline.parse("ZERO_SHOT"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("few-shot"));
        assertThrows(IllegalArgumentException.class, () -> new BaselinePrompts(0));
    }

    @Test
    void finalAnswerCutsReasoningAway() {
        String invthink = "<invthink>\nHarm Enumeration:\n1. Poisoning: answer (A) would mix chemicals\n</invthink>\n<think>\nAnswer: (B)\n</think>";
        assertEquals("Answer: (B)", FinalAnswer.extract(Baseline.INVTHINK, invthink));
        assertEquals("No, keep it apart.", FinalAnswer.extract(Baseline.INVTHINK, "<invthink>\nharms\n</invthink>\nNo, keep it apart."));
        assertEquals("Answer: (C)", FinalAnswer.extract(Baseline.COT, "Option A is wrong. Final answer: maybe. final answer: Answer: (C)"));
        assertEquals("Just this.", FinalAnswer.extract(Baseline.COT, "Just this."));
        assertEquals("(A) is wrong; Final answer: B", FinalAnswer.extract(Baseline.ZERO_SHOT, " (A) is wrong; Final answer: B "));
    }
}
