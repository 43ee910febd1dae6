package invthink.hazard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Finds which of a fixed set of terms occur in a text, in one pass over its words.
 *
 * <p>A term is a word or a phrase of words, lowercase; a trailing {@code *} on a word makes it a
 * prefix ({@code overdos*} matches overdose, overdosing). Words are maximal runs of letters and
 * digits, so punctuation never hides a term and "rm -rf" is the phrase "rm rf". Terms are indexed
 * by their first word (exact words, prefixes by their first three letters), so the cost is one
 * lookup per word of the text whatever the number of rules.
 */
final class TermMatcher {

    private static final int PREFIX_KEY = 3;

    /**
     * @param words  the term's words without the {@code *} of a prefix
     * @param prefix per word, whether it is a prefix
     */
    private record Term(int id, char[][] words, boolean[] prefix) {
        static Term of(int id, String[] words) {
            char[][] bare = new char[words.length][];
            boolean[] prefix = new boolean[words.length];
            for (int k = 0; k < words.length; k++) {
                prefix[k] = words[k].endsWith("*");
                bare[k] = (prefix[k] ? words[k].substring(0, words[k].length() - 1) : words[k]).toCharArray();
            }
            return new Term(id, bare, prefix);
        }
    }

    private final RangeIndex byFirstWord = new RangeIndex();
    private final RangeIndex byFirstPrefix = new RangeIndex();
    private int size;

    /** Adds a term and returns its id (its bit in {@link #match}). */
    int add(String term) {
        String[] words = term.toLowerCase(Locale.ROOT).trim().split("[^\\p{L}\\p{N}*]+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("empty term: '" + term + "'");
        }
        Term t = Term.of(size++, words);
        String first = words[0];
        if (first.endsWith("*")) {
            if (first.length() - 1 < PREFIX_KEY) {
                throw new IllegalArgumentException("prefix term shorter than " + PREFIX_KEY + " letters: " + term);
            }
            byFirstPrefix.add(first.substring(0, PREFIX_KEY).toCharArray(), t);
        } else {
            byFirstWord.add(first.toCharArray(), t);
        }
        return t.id();
    }

    /**
     * The ids of the terms that occur in {@code text}. The text is lowercased once into a char
     * array and its words are looked up as ranges of it, not cut out as strings: per prompt this
     * ran once per word, and reading a String a char at a time (a bounds and an encoding check
     * each) was most of the classifier's time. Text with non-ASCII characters is lowercased by
     * {@link String#toLowerCase}, since a character's lowercase can depend on its neighbours or be
     * longer than the character.
     */
    BitSet match(String text) {
        char[] lower = lowercase(text);
        int[] bounds = bounds(lower);
        int count = bounds.length / 2;
        BitSet found = new BitSet(size);
        for (int i = 0; i < count; i++) {
            int from = bounds[2 * i];
            int to = bounds[2 * i + 1];
            check(byFirstWord.get(lower, from, to), lower, bounds, i, found);
            if (to - from >= PREFIX_KEY) {
                check(byFirstPrefix.get(lower, from, from + PREFIX_KEY), lower, bounds, i, found);
            }
        }
        return found;
    }

    private static char[] lowercase(String text) {
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c >= 0x80) {
                return text.toLowerCase(Locale.ROOT).toCharArray();
            }
            if (c >= 'A' && c <= 'Z') {
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return out;
    }

    private static void check(Term[] candidates, char[] text, int[] bounds, int at, BitSet found) {
        if (candidates == null) {
            return;
        }
        for (Term t : candidates) {
            if (!found.get(t.id()) && matchesAt(t, text, bounds, at)) {
                found.set(t.id());
            }
        }
    }

    private static boolean matchesAt(Term term, char[] text, int[] bounds, int at) {
        char[][] words = term.words();
        if (at + words.length > bounds.length / 2) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            char[] pattern = words[k];
            int from = bounds[2 * (at + k)];
            int length = bounds[2 * (at + k) + 1] - from;
            if (term.prefix()[k] ? length < pattern.length : length != pattern.length) {
                return false;
            }
            if (!Arrays.equals(pattern, 0, pattern.length, text, from, from + pattern.length)) {
                return false;
            }
        }
        return true;
    }

    /** Start and end of each word of {@code text}, flattened. */
    private static int[] bounds(char[] text) {
        int[] out = new int[32];
        int n = 0;
        int i = 0;
        while (i < text.length) {
            while (i < text.length && !isWordChar(text[i])) {
                i++;
            }
            if (i == text.length) {
                break;
            }
            int start = i;
            while (i < text.length && isWordChar(text[i])) {
                i++;
            }
            if (n + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = start;
            out[n++] = i;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    static List<String> words(String text) {
        char[] lower = text.toLowerCase(Locale.ROOT).toCharArray();
        int[] bounds = bounds(lower);
        List<String> words = new ArrayList<>(bounds.length / 2);
        for (int i = 0; i < bounds.length; i += 2) {
            words.add(new String(lower, bounds[i], bounds[i + 1] - bounds[i]));
        }
        return words;
    }

    /**
     * Terms by a lowercase word, found from a range of a text without a string or key object per
     * look-up: open addressing over the word's hash. Most words of a text are no term at all, so
     * the table is kept a quarter full and each slot keeps its key's hash: a miss usually ends at
     * an empty slot or a different hash without comparing a single character.
     */
    private static final class RangeIndex {
        private char[][] keys = new char[64][];
        private int[] hashes = new int[64];
        private Term[][] values = new Term[64][];
        private int count;

        void add(char[] word, Term t) {
            int slot = slot(word, 0, word.length);
            if (keys[slot] != null) {
                Term[] old = values[slot];
                Term[] grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = t;
                values[slot] = grown;
                return;
            }
            keys[slot] = word;
            hashes[slot] = hash(word, 0, word.length);
            values[slot] = new Term[] {t};
            if (++count * 4 > keys.length) {
                grow();
            }
        }

        Term[] get(char[] text, int from, int to) {
            int slot = slot(text, from, to);
            return keys[slot] == null ? null : values[slot];
        }

        private void grow() {
            char[][] oldKeys = keys;
            Term[][] oldValues = values;
            keys = new char[oldKeys.length * 2][];
            hashes = new int[oldKeys.length * 2];
            values = new Term[oldKeys.length * 2][];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    int slot = slot(oldKeys[i], 0, oldKeys[i].length);
                    keys[slot] = oldKeys[i];
                    hashes[slot] = hash(oldKeys[i], 0, oldKeys[i].length);
                    values[slot] = oldValues[i];
                }
            }
        }

        /** The slot holding this word, or the empty slot where it would go. */
        private int slot(char[] text, int from, int to) {
            int h = hash(text, from, to);
            int mask = keys.length - 1;
            int slot = h & mask;
            while (true) {
                char[] key = keys[slot];
                if (key == null || hashes[slot] == h && Arrays.equals(key, 0, key.length, text, from, to)) {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
        }

        private static int hash(char[] text, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + text[i];
            }
            return h ^ (h >>> 16);
        }
    }

    private static boolean isWordChar(char c) {
        return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                : Character.isLetterOrDigit(c);
    }
}
