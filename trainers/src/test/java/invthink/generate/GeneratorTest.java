package invthink.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import invthink.fixtures.TinyTokenizer;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.tokenizer.TextTokenizer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    static TextTokenizer tok;
    static CausalLm model;

    @BeforeAll
    static void setUp() {
        tok = TextTokenizer.load(TinyTokenizer.file());
        model = CausalLm.random(ModelConfig.named(ModelConfig.TINY, 512), Device.cpu(), 5);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        tok.close();
    }

    private static List<int[]> prompts() {
        return List.of(tok.encode("How should I handle tax filing safely?"), tok.encode("Hi"),
                tok.encode("<|im_start|>user\nA longer prompt about first aid for burns and what to do.<|im_end|>\n"));
    }

    @Test
    void greedyWithCacheEqualsGreedyWithoutTokenForToken() {
        Generator g = new Generator(model, tok);
        List<Completion> cached = g.generate(prompts(), SamplingParams.greedy(12), true);
        List<Completion> plain = g.generate(prompts(), SamplingParams.greedy(12), false);
        for (int r = 0; r < 3; r++) {
            assertEquals(12, cached.get(r).tokenIds().length);
            assertArrayEquals(plain.get(r).tokenIds(), cached.get(r).tokenIds(), "row " + r);
            assertArrayEquals(plain.get(r).logProbs(), cached.get(r).logProbs(), 1e-4f);
            assertEquals(Completion.LENGTH, cached.get(r).finishReason());
        }
        // A row in a padded batch generates what it generates alone.
        Completion alone = g.generate(List.of(prompts().get(1)), SamplingParams.greedy(12), true).get(0);
        assertArrayEquals(alone.tokenIds(), cached.get(1).tokenIds());
        for (float lp : cached.get(0).logProbs()) assertTrue(lp <= 0 && lp > -20);
    }

    @Test
    void samplingIsSeededAndTopKOfOneIsGreedy() {
        Generator g = new Generator(model, tok);
        SamplingParams hot = new SamplingParams(12, 1.5, 0, 1.0, List.of(), List.of(), 42);
        List<Completion> a = g.generate(prompts(), hot, true);
        List<Completion> b = g.generate(prompts(), hot, true);
        assertArrayEquals(a.get(0).tokenIds(), b.get(0).tokenIds());
        List<Completion> other = g.generate(prompts(), new SamplingParams(12, 1.5, 0, 1.0, List.of(), List.of(), 43), true);
        assertNotEquals(List.of(a.get(0).text(), a.get(2).text()), List.of(other.get(0).text(), other.get(2).text()));
        Completion greedy = g.generate(prompts(), SamplingParams.greedy(12), true).get(0);
        Completion topOne = g.generate(prompts(), new SamplingParams(12, 0.7, 1, 1.0, List.of(), List.of(), 9), true).get(0);
        assertArrayEquals(greedy.tokenIds(), topOne.tokenIds());
        Completion nucleus = g.generate(prompts(), new SamplingParams(12, 1.0, 0, 1e-6, List.of(), List.of(), 9), true).get(0);
        assertArrayEquals(greedy.tokenIds(), nucleus.tokenIds(), "a tiny top-p keeps only the most likely token");
    }

    @Test
    void stopTokensAndStopStringsFinishEachSequenceOnItsOwn() {
        Generator g = new Generator(model, tok);
        List<Completion> free = g.generate(prompts(), SamplingParams.greedy(16), true);
        int stopToken = free.get(0).tokenIds()[5];
        List<Completion> stopped = g.generate(prompts(), SamplingParams.greedy(16).withStopTokens(List.of(stopToken)), true);
        Completion first = stopped.get(0);
        int at = indexOf(free.get(0).tokenIds(), stopToken);
        assertEquals(Completion.STOP, first.finishReason());
        assertEquals(at + 1, first.tokenIds().length, "the stop token is the last id");
        assertEquals(tok.decode(java.util.Arrays.copyOf(free.get(0).tokenIds(), at), false), first.text());
        for (int r = 1; r < 3; r++) {
            int i = indexOf(free.get(r).tokenIds(), stopToken);
            assertEquals(i < 0 ? 16 : i + 1, stopped.get(r).tokenIds().length, "row " + r + " finishes on its own");
        }
        String fullText = free.get(2).text();
        String stop = fullText.substring(3, 6);
        Completion byString = g.generate(prompts(), SamplingParams.greedy(16).withStopStrings(List.of(stop)), true).get(2);
        assertEquals(fullText.substring(0, fullText.indexOf(stop)), byString.text());
        assertEquals(Completion.STOP, byString.finishReason());
        assertFalse(byString.text().contains(stop));
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }
}
