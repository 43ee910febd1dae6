package invthink.judge.offline;

import java.util.Arrays;
import java.util.Locale;
import java.util.TreeMap;

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
        String norm = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        String[] words = norm.split("[^\\p{L}\\p{N}']+");
        TreeMap<Integer, Float> counts = new TreeMap<>();
        String previous = "<s>";
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            add(counts, "w:" + w);
            add(counts, "b:" + previous + ' ' + w);
            previous = w;
            String padded = ' ' + w + ' ';
            for (int i = 0; i + CHAR_GRAM <= padded.length(); i++) {
                add(counts, "c:" + padded.substring(i, i + CHAR_GRAM));
            }
        }
        int[] idx = new int[counts.size()];
        float[] val = new float[counts.size()];
        int k = 0;
        double norm2 = 0;
        for (var e : counts.entrySet()) {
            idx[k] = e.getKey();
            val[k] = e.getValue();
            norm2 += val[k] * val[k];
            k++;
        }
        float scale = norm2 == 0 ? 0f : (float) (1 / Math.sqrt(norm2));
        for (int i = 0; i < val.length; i++) {
            val[i] *= scale;
        }
        return new SparseVector(idx, val);
    }

    private void add(TreeMap<Integer, Float> counts, String feature) {
        counts.merge(fnv1a(feature) & mask, 1f, Float::sum);
    }

    static int fnv1a(String s) {
        int h = 0x811c9dc5;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x01000193;
        }
        return h;
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
