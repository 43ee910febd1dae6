package invthink.hazard;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds which of a fixed set of terms occur in a text, in one pass over its words.
 *
 * <p>A term is a word or a phrase of words, lowercase; a trailing {@code *} on a word makes it a
 * prefix ({@code overdos*} matches overdose, overdosing). Words are maximal runs of letters and
 * digits, so punctuation never hides a term and "rm -rf" is the phrase "rm rf". Terms are indexed
 * by their first word (exact words in a hash map, prefixes by their first three letters), so the
 * cost is one lookup per word of the text whatever the number of rules.
 */
final class TermMatcher {

    private static final int PREFIX_KEY = 3;

    private record Term(int id, String[] words) {
    }

    private final Map<Key, List<Term>> byFirstWord = new HashMap<>();
    private final Map<Key, List<Term>> byFirstPrefix = new HashMap<>();
    private int size;

    /** Adds a term and returns its id (its bit in {@link #match}). */
    int add(String term) {
        String[] words = term.toLowerCase(Locale.ROOT).trim().split("[^\\p{L}\\p{N}*]+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("empty term: '" + term + "'");
        }
        Term t = new Term(size++, words);
        String first = words[0];
        if (first.endsWith("*")) {
            if (first.length() - 1 < PREFIX_KEY) {
                throw new IllegalArgumentException("prefix term shorter than " + PREFIX_KEY + " letters: " + term);
            }
            byFirstPrefix.computeIfAbsent(new Key(first.substring(0, PREFIX_KEY)), k -> new ArrayList<>()).add(t);
        } else {
            byFirstWord.computeIfAbsent(new Key(first), k -> new ArrayList<>()).add(t);
        }
        return t.id();
    }

    /**
     * The ids of the terms that occur in {@code text}. Words are looked up as ranges of the
     * lowercased text, not cut out as strings: per prompt this ran once per word and its
     * allocations were a third of the classifier's time.
     */
    BitSet match(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int[] bounds = bounds(lower);
        int count = bounds.length / 2;
        BitSet found = new BitSet(size);
        for (int i = 0; i < count; i++) {
            int from = bounds[2 * i];
            int to = bounds[2 * i + 1];
            check(byFirstWord.get(new Key(lower, from, to)), lower, bounds, i, found);
            if (to - from >= PREFIX_KEY) {
                check(byFirstPrefix.get(new Key(lower, from, from + PREFIX_KEY)), lower, bounds, i, found);
            }
        }
        return found;
    }

    private static void check(List<Term> candidates, String text, int[] bounds, int at, BitSet found) {
        if (candidates == null) {
            return;
        }
        for (Term t : candidates) {
            if (!found.get(t.id()) && matchesAt(t.words(), text, bounds, at)) {
                found.set(t.id());
            }
        }
    }

    private static boolean matchesAt(String[] term, String text, int[] bounds, int at) {
        if (at + term.length > bounds.length / 2) {
            return false;
        }
        for (int k = 0; k < term.length; k++) {
            String pattern = term[k];
            int from = bounds[2 * (at + k)];
            int length = bounds[2 * (at + k) + 1] - from;
            boolean prefix = pattern.endsWith("*");
            int need = prefix ? pattern.length() - 1 : pattern.length();
            boolean ok = (prefix ? length >= need : length == need) && text.regionMatches(from, pattern, 0, need);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Start and end of each word of {@code lower}, flattened. */
    private static int[] bounds(String lower) {
        int[] out = new int[16];
        int n = 0;
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean wordChar = i < lower.length() && isWordChar(lower.charAt(i));
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

    /**
     * A range of a string as a map key, equal to a {@link Key} of the same characters: lets a
     * word of the text find its terms without becoming a string of its own.
     */
    private static final class Key {
        private final String text;
        private final int from;
        private final int to;
        private final int hash;

        Key(String text, int from, int to) {
            this.text = text;
            this.from = from;
            this.to = to;
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + text.charAt(i);
            }
            this.hash = h;
        }

        Key(String word) {
            this(word, 0, word.length());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.to - k.from == to - from
                    && text.regionMatches(from, k.text, k.from, to - from);
        }
    }

    private static boolean isWordChar(char c) {
        return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                : Character.isLetterOrDigit(c);
    }
}
