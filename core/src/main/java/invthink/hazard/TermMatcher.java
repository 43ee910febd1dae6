package invthink.hazard;

import invthink.text.TextNormalizer;
import java.util.ArrayList;
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
    private record Term(int id, String[] words, boolean[] prefix) {
        static Term of(int id, String[] words) {
            String[] bare = new String[words.length];
            boolean[] prefix = new boolean[words.length];
            for (int k = 0; k < words.length; k++) {
                prefix[k] = words[k].endsWith("*");
                bare[k] = prefix[k] ? words[k].substring(0, words[k].length() - 1) : words[k];
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
            byFirstPrefix.add(first.substring(0, PREFIX_KEY), t);
        } else {
            byFirstWord.add(first, t);
        }
        return t.id();
    }

    /**
     * The ids of the terms that occur in {@code text}. Words are looked up as ranges of the text,
     * lowercased as they are read, not cut out as strings: per prompt this ran once per word, and
     * its allocations (and lowercasing a copy of the whole text) were most of the classifier's time.
     * Text with non-ASCII characters is lowercased whole first, since a character's lowercase can
     * depend on its neighbours or be longer than the character.
     */
    BitSet match(String text) {
        String lower = TextNormalizer.isAscii(text) ? text : text.toLowerCase(Locale.ROOT);
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

    private static void check(Term[] candidates, String text, int[] bounds, int at, BitSet found) {
        if (candidates == null) {
            return;
        }
        for (Term t : candidates) {
            if (!found.get(t.id()) && matchesAt(t, text, bounds, at)) {
                found.set(t.id());
            }
        }
    }

    private static boolean matchesAt(Term term, String text, int[] bounds, int at) {
        String[] words = term.words();
        if (at + words.length > bounds.length / 2) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            String pattern = words[k];
            int from = bounds[2 * (at + k)];
            int length = bounds[2 * (at + k) + 1] - from;
            int need = pattern.length();
            if (term.prefix()[k] ? length < need : length != need) {
                return false;
            }
            for (int j = 0; j < need; j++) {
                if (lower(text.charAt(from + j)) != pattern.charAt(j)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Start and end of each word of {@code text}, flattened. */
    private static int[] bounds(String text) {
        int[] out = new int[16];
        int n = 0;
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean wordChar = i < text.length() && isWordChar(text.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                if (n + 2 > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = start;
                out[n++] = i;
                start = -1;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int[] bounds = bounds(lower);
        List<String> words = new ArrayList<>(bounds.length / 2);
        for (int i = 0; i < bounds.length; i += 2) {
            words.add(lower.substring(bounds[i], bounds[i + 1]));
        }
        return words;
    }

    /** ASCII lowercase; other characters are already lowercase where this is used. */
    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * Terms by a lowercase word, found from a range of a text without a string or key object per
     * look-up: open addressing over the word's hash.
     */
    private static final class RangeIndex {
        private String[] keys = new String[64];
        private Term[][] values = new Term[64][];
        private int count;

        void add(String word, Term t) {
            int slot = slot(keys, word, 0, word.length());
            if (keys[slot] != null) {
                Term[] old = values[slot];
                Term[] grown = java.util.Arrays.copyOf(old, old.length + 1);
                grown[old.length] = t;
                values[slot] = grown;
                return;
            }
            keys[slot] = word;
            values[slot] = new Term[] {t};
            if (++count * 2 > keys.length) {
                grow();
            }
        }

        Term[] get(String text, int from, int to) {
            int slot = slot(keys, text, from, to);
            return keys[slot] == null ? null : values[slot];
        }

        private void grow() {
            String[] oldKeys = keys;
            Term[][] oldValues = values;
            keys = new String[oldKeys.length * 2];
            values = new Term[oldKeys.length * 2][];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    int slot = slot(keys, oldKeys[i], 0, oldKeys[i].length());
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }

        /** The slot holding this word, or the empty slot where it would go. */
        private static int slot(String[] keys, String text, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + lower(text.charAt(i));
            }
            int mask = keys.length - 1;
            int slot = (h ^ (h >>> 16)) & mask;
            while (true) {
                String key = keys[slot];
                if (key == null || sameWord(key, text, from, to)) {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
        }

        private static boolean sameWord(String key, String text, int from, int to) {
            if (key.length() != to - from) {
                return false;
            }
            for (int i = 0; i < key.length(); i++) {
                if (key.charAt(i) != lower(text.charAt(from + i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean isWordChar(char c) {
        return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                : Character.isLetterOrDigit(c);
    }
}
