package invthink.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.fixtures.Corpus;
import invthink.fixtures.TinyTokenizer;
import invthink.tokenizer.TextTokenizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExampleEncoderTest {

    @Test
    void lossMaskCoversExactlyTheAssistantTokens() {
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file())) {
            EncodedExample e = new ExampleEncoder(tok, "Be careful.", 4096).encode(Corpus.prompt(1), Corpus.teacherText(1));
            int firstMasked = -1;
            for (int i = 0; i < e.length(); i++) {
                if (e.lossMask()[i] && firstMasked < 0) firstMasked = i;
                if (firstMasked >= 0) assertTrue(e.lossMask()[i], "mask is one contiguous tail");
            }
            int[] prompt = Arrays.copyOfRange(e.ids(), 0, firstMasked);
            int[] completion = Arrays.copyOfRange(e.ids(), firstMasked, e.length());
            assertEquals("<|im_start|>system\nBe careful.<|im_end|>\n<|im_start|>user\n" + Corpus.prompt(1)
                    + "<|im_end|>\n<|im_start|>assistant\n", tok.decode(prompt, false));
            assertEquals(Corpus.teacherText(1) + "<|im_end|>", tok.decode(completion, false));
            assertFalse(e.truncated());
        }
    }

    @Test
    void overLongExamplesKeepThePromptAndLoseTheCompletionTail() {
        try (TextTokenizer tok = TextTokenizer.load(TinyTokenizer.file())) {
            int promptLength = new ExampleEncoder(tok, null, 4096).encode("short", "x").length() - 2;
            EncodedExample e = new ExampleEncoder(tok, null, promptLength + 20).encode("short", Corpus.teacherText(2));
            assertTrue(e.truncated());
            assertEquals(promptLength + 20, e.length());
            assertEquals(20, e.completionTokens());
            assertThrows(ExampleEncoder.TooLongException.class,
                    () -> new ExampleEncoder(tok, null, 10).encode(Corpus.prompt(0), Corpus.teacherText(0)));
        }
    }
}
