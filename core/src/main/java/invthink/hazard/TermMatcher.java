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

    private final Map<String, List<Term>> byFirstWord = new HashMap<>();
    private final Map<String, List<Term>> byFirstPrefix = new HashMap<>();
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
            byFirstPrefix.computeIfAbsent(first.substring(0, PREFIX_KEY), k -> new ArrayList<>()).add(t);
        } else {
            byFirstWord.computeIfAbsent(first, k -> new ArrayList<>()).add(t);
        }
        return t.id();
    }

    /** The ids of the terms that occur in {@code text}. */
    BitSet match(String text) {
        List<String> words = words(text);
        BitSet found = new BitSet(size);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            check(byFirstWord.get(w), words, i, found);
            if (w.length() >= PREFIX_KEY) {
                check(byFirstPrefix.get(w.substring(0, PREFIX_KEY)), words, i, found);
            }
        }
        return found;
    }

    private static void check(List<Term> candidates, List<String> words, int at, BitSet found) {
        if (candidates == null) {
            return;
        }
        for (Term t : candidates) {
            if (!found.get(t.id()) && matchesAt(t.words(), words, at)) {
                found.set(t.id());
            }
        }
    }

    private static boolean matchesAt(String[] term, List<String> words, int at) {
        if (at + term.length > words.size()) {
            return false;
        }
        for (int k = 0; k < term.length; k++) {
            String pattern = term[k];
            String w = words.get(at + k);
            boolean ok = pattern.endsWith("*") ? w.startsWith(pattern.substring(0, pattern.length() - 1)) : w.equals(pattern);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>(lower.length() / 5 + 1);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean wordChar = i < lower.length() && isWordChar(lower.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) {
        return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                : Character.isLetterOrDigit(c);
    }
}
