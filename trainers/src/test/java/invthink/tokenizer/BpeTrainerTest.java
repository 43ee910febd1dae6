package invthink.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.fixtures.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {

    @TempDir Path dir;

    @Test
    void huggingFaceLoaderEncodesExactlyAsTheLearnedMerges() throws Exception {
        BpeVocabulary vocab = new BpeTrainer(600, 2, SpecialTokens.all()).train(Corpus.texts(60));
        assertTrue(vocab.size() <= 600, "vocab " + vocab.size());
        Path file = dir.resolve("tokenizer.json");
        TokenizerJson.write(vocab, file);
        List<String> probes = new ArrayList<>(Corpus.texts(80));
        probes.add("<|im_start|>user\n" + Corpus.prompt(3) + "<|im_end|>\n<|im_start|>assistant\n" + Corpus.teacherText(3) + "<|im_end|>");
        probes.add("never seen: Zyxw qq 999 ñandú");
        try (TextTokenizer tok = TextTokenizer.load(file)) {
            for (String text : probes) {
                int[] expected = referenceEncode(vocab, text);
                assertArrayEquals(expected, tok.encode(text), "ids differ for: " + text);
                assertEquals(text, tok.decode(tok.encode(text), false));
            }
            for (int i = 0; i < SpecialTokens.all().size(); i++) {
                assertEquals(vocab.firstSpecialId() + i, tok.tokenId(SpecialTokens.all().get(i)));
            }
            // Control tokens drop out when skipped; the InvThink tags are text and stay.
            int[] ids = tok.encode("<|im_start|>a<invthink>b<|im_end|>");
            assertEquals("a<invthink>b", tok.decode(ids, true));
            String longText = "word ".repeat(3000);
            assertEquals(longText, tok.decode(tok.encode(longText), false), "no truncation");
        }
        assertTrue(vocab.merges().size() > 200, "learned merges: " + vocab.merges().size());
    }

    @Test
    void trainingIsDeterministic() {
        BpeVocabulary a = new BpeTrainer(400, 1, SpecialTokens.all()).train(Corpus.texts(20));
        BpeVocabulary b = new BpeTrainer(400, 1, SpecialTokens.all()).train(Corpus.texts(20));
        assertEquals(a, b);
    }

    /** BPE written plainly: split out special tokens, GPT-2 words, lowest-rank merge first. */
    private static int[] referenceEncode(BpeVocabulary vocab, String text) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.tokens().size(); i++) ids.putIfAbsent(vocab.tokens().get(i), i);
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < vocab.merges().size(); i++) {
            rank.putIfAbsent(vocab.merges().get(i).left() + "\u0000" + vocab.merges().get(i).right(), i);
        }
        List<Integer> out = new ArrayList<>();
        Pattern specials = Pattern.compile(String.join("|", vocab.specialTokens().stream().map(Pattern::quote).toList()));
        Matcher m = specials.matcher(text);
        int last = 0;
        while (true) {
            boolean found = m.find();
            String piece = text.substring(last, found ? m.start() : text.length());
            for (String word : PreTokenizer.split(piece)) {
                List<String> symbols = new ArrayList<>();
                for (byte b : word.getBytes(StandardCharsets.UTF_8)) symbols.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
                while (symbols.size() > 1) {
                    int best = -1;
                    int bestRank = Integer.MAX_VALUE;
                    for (int j = 0; j + 1 < symbols.size(); j++) {
                        Integer r = rank.get(symbols.get(j) + "\u0000" + symbols.get(j + 1));
                        if (r != null && r < bestRank) {
                            bestRank = r;
                            best = j;
                        }
                    }
                    if (best < 0) break;
                    symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
                }
                for (String s : symbols) out.add(ids.get(s));
            }
            if (!found) break;
            out.add(vocab.firstSpecialId() + vocab.specialTokens().indexOf(m.group()));
            last = m.end();
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
