package invthink.grpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptSelectionTest {

    @Test
    void takesAboutTheFractionAndAlwaysTheSameIds() {
        PromptSelection fifth = new PromptSelection(0.2);
        int taken = 0;
        for (int i = 0; i < 2000; i++) {
            boolean s = fifth.selected("prompt-" + i);
            assertEquals(s, new PromptSelection(0.2).selected("prompt-" + i));
            if (s) {
                taken++;
                assertTrue(new PromptSelection(0.5).selected("prompt-" + i), "a larger fraction keeps every smaller one's ids");
            }
        }
        assertTrue(taken > 320 && taken < 480, "taken " + taken + " of 2000");
        assertTrue(new PromptSelection(1.0).selected("anything"));
        assertThrows(IllegalArgumentException.class, () -> new PromptSelection(0));
    }
}
