package invthink.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.Prompt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptPreparerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final PromptPreparer preparer = new PromptPreparer(64);

    @Test
    void normalisesRedactsHashesAndTags() {
        Prepared p = preparer.prepare(Candidate.of("  Email  me at bob@example.com about my  dosage ", "test"), NOW);
        Prompt prompt = p.prompt();
        assertEquals("Email me at [EMAIL] about my dosage", prompt.getText());
        assertEquals(PromptIds.of("Email me at [EMAIL] about my dosage"), prompt.getId());
        assertEquals(Map.of("email", 1), prompt.getRedactions());
        assertEquals("medicine", prompt.getDomain());
        assertEquals(NOW, prompt.getReceivedAt());
        assertEquals(64, prompt.getId().length());
    }

    @Test
    void samePromptDifferentPiiSameId() {
        String a = preparer.prepare(Candidate.of("mail a@example.com now", "t"), NOW).prompt().getId();
        String b = preparer.prepare(Candidate.of("mail  b@example.org now", "t"), NOW).prompt().getId();
        assertEquals(a, b);
    }

    @Test
    void refusesEmptyAndOversizedWithoutCutting() {
        assertEquals(Refusal.EMPTY, preparer.prepare(Candidate.of(" \u200b ", "t"), NOW).refusal().code());
        Prepared big = preparer.prepare(Candidate.of("x".repeat(65), "t"), NOW);
        assertFalse(big.accepted());
        assertEquals(Refusal.OVERSIZED, big.refusal().code());
        assertTrue(preparer.prepare(Candidate.of("x".repeat(64), "t"), NOW).accepted());
        // Multi-byte characters count in UTF-8 bytes, not chars.
        assertEquals(Refusal.OVERSIZED, preparer.prepare(Candidate.of("\u00e9".repeat(33), "t"), NOW).refusal().code());
    }

    @Test
    void sourceHintsAndDomainAreMergedAndSystemPromptCountsInTheId() {
        Candidate c = new Candidate("Read the inbox and act.", "You are Alex. Contact kyle@summit.example",
                "dataset:agentic", "agentic", List.of("s14", "bogus"), Map.of(PromptMetadata.LABEL, PromptMetadata.HARMFUL));
        Prompt p = new PromptPreparer().prepare(c, NOW).prompt();
        assertEquals("agentic", p.getDomain());
        assertEquals(List.of("S14"), p.getHazardHints());
        assertEquals("You are Alex. Contact [EMAIL]", p.getMetadata().get(PromptMetadata.SYSTEM_PROMPT));
        assertEquals(1, p.getRedactions().get("email"));
        assertNotEquals(PromptIds.of("Read the inbox and act."), p.getId());
        assertEquals(PromptMetadata.HARMFUL, p.getMetadata().get(PromptMetadata.LABEL));
        assertNull(new PromptPreparer().prepare(c, NOW).refusal());
    }

    @Test
    void aRepeatedSystemPromptIsRedactedAndCountedEveryTime() {
        PromptPreparer preparer = new PromptPreparer();
        String system = "You are a support agent. Escalate to lead@corp.example";
        for (int i = 0; i < 3; i++) {
            Prompt p = preparer.prepare(new Candidate("Mail me at me" + i + "@home.example", system, "log:x", null,
                    List.of(), Map.of()), NOW).prompt();
            assertEquals(2, p.getRedactions().get("email"), "round " + i);
            assertEquals("You are a support agent. Escalate to [EMAIL]", p.getMetadata().get(PromptMetadata.SYSTEM_PROMPT));
            assertEquals("Mail me at [EMAIL]", p.getText());
        }
    }
}
