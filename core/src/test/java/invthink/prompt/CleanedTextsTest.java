package invthink.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import invthink.redact.Redacted;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CleanedTextsTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final CleanedTexts texts = new CleanedTexts(t -> {
        calls.incrementAndGet();
        return new Redacted(t.toUpperCase(), Map.of("email", t.length()));
    });

    @Test
    void aRepeatedTextIsCleanedOnce() {
        Redacted first = texts.get("you are a helpful assistant");
        assertSame(first, texts.get(new String("you are a helpful assistant")));
        assertEquals("YOU ARE A HELPFUL ASSISTANT", first.text());
        assertEquals(1, calls.get());
    }

    @Test
    void longTextsAreNotKept() {
        String long1 = "x".repeat(CleanedTexts.MAX_TEXT_CHARS + 1);
        texts.get(long1);
        texts.get(long1);
        assertEquals(2, calls.get());
    }

    @Test
    void aFullTableIsDroppedSoNeverRepeatingTextsCostNoMemory() {
        for (int i = 0; i < CleanedTexts.MAX_ENTRIES; i++) {
            texts.get("system " + i);
        }
        texts.get("system 0");
        assertEquals(CleanedTexts.MAX_ENTRIES, calls.get());
        texts.get("one more");
        texts.get("system 1");
        assertEquals(CleanedTexts.MAX_ENTRIES + 2, calls.get());
    }
}
