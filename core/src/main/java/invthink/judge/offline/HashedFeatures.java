package invthink.judge.offline;

import java.util.Arrays;
import java.util.Locale;

/**
 * Turns text into a sparse, L2-normalised vector of hashed word unigrams, word bigrams and
 * character 4-grams (the hashing trick: no vocabulary to store, unseen words still land somewhere).
 *
 * <p>Character n-grams carry morphology ("launder", "laundering") and survive typos; word bigrams
 * carry short phrases ("here's how", "can't help"). The hash is FNV-1a, fixed here so a model
 * trained on one JVM scores identically on another.
 */
public final class HashedFeatures {

    private static final int CHAR_GRAM = 4;
    private final int bits;
    private final int mask;

    public HashedFeatures(int bits) {
        if (bits < 8 || bits > 26) {
            throw new IllegalArgumentException("bits must be 8..26, got " + bits);
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
    }

    public int dimension() {
        return 1 << bits;
    }

    public SparseVector vectorise(String text) {
        String norm = text.toLowerCase(Locale.ROOT);
        int[] hashes = new int[Math.max(16, norm.length() * 3)];
        int n = 0;
        int wordStart = -1;
        int prevStart = -1;
        int prevEnd = -1;
        for (int i = 0; i <= norm.length(); i++) {
            char c = i < norm.length() ? norm.charAt(i) : ' ';
            boolean wordChar = Character.isLetterOrDigit(c) || c == '\'' || c == '\u2019';
            if (wordChar && wordStart < 0) {
                wordStart = i;
            } else if (!wordChar && wordStart >= 0) {
                if (n + (i - wordStart) + 8 > hashes.length) {
                    hashes = Arrays.copyOf(hashes, hashes.length * 2 + (i - wordStart) + 8);
                }
                n = addWord(norm, wordStart, i, prevStart, prevEnd, hashes, n);
                prevStart = wordStart;
                prevEnd = i;
                wordStart = -1;
            }
        }
        Arrays.sort(hashes, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                distinct++;
            }
        }
        int[] idx = new int[distinct];
        float[] val = new float[distinct];
        int k = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                idx[++k] = hashes[i];
            }
            val[k] += 1f;
        }
        double norm2 = 0;
        for (float v : val) {
            norm2 += v * v;
        }
        float scale = norm2 == 0 ? 0f : (float) (1 / Math.sqrt(norm2));
        for (int i = 0; i < val.length; i++) {
            val[i] *= scale;
        }
        return new SparseVector(idx, val);
    }

    /** Adds the unigram, the bigram with the previous word and the padded character 4-grams of one word. */
    private int addWord(String s, int start, int end, int prevStart, int prevEnd, int[] out, int n) {
        int h = step(OFFSET, 'w');
        for (int i = start; i < end; i++) {
            h = step(h, apostrophe(s.charAt(i)));
        }
        out[n++] = h & mask;
        int b = step(OFFSET, 'b');
        if (prevStart < 0) {
            b = step(b, '^');
        } else {
            for (int i = prevStart; i < prevEnd; i++) {
                b = step(b, apostrophe(s.charAt(i)));
            }
        }
        b = step(b, ' ');
        for (int i = start; i < end; i++) {
            b = step(b, apostrophe(s.charAt(i)));
        }
        out[n++] = b & mask;
        // Character 4-grams of " word ", the spaces marking the word's edges.
        int padded = end - start + 2;
        for (int g = 0; g + CHAR_GRAM <= padded; g++) {
            int c = step(OFFSET, 'c');
            for (int j = g; j < g + CHAR_GRAM; j++) {
                c = step(c, j == 0 || j == padded - 1 ? ' ' : apostrophe(s.charAt(start + j - 1)));
            }
            out[n++] = c & mask;
        }
        return n;
    }

    private static char apostrophe(char c) {
        return c == '\u2019' ? '\'' : c;
    }

    private static final int OFFSET = 0x811c9dc5;

    private static int step(int h, char c) {
        return (h ^ c) * 0x01000193;
    }

    /** Sorted indices and their values. */
    public record SparseVector(int[] indices, float[] values) {
        public SparseVector {
            if (indices.length != values.length) {
                throw new IllegalArgumentException("indices and values differ in length");
            }
        }

        @Override
        public String toString() {
            return "SparseVector" + Arrays.toString(indices);
        }
    }
}
