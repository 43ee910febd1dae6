package invthink.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Learns byte-level BPE merges from a corpus: words are counted after the GPT-2 split, then
 * the most frequent adjacent pair is merged until the vocabulary reaches its target size.
 * Ties go to the pair of smaller ids, so the result is deterministic. Special tokens are
 * cut out of the corpus first, so no merge ever spans one.
 */
public final class BpeTrainer {

    private final int vocabSize;
    private final int minFrequency;
    private final List<String> specialTokens;

    /**
     * @param vocabSize    target size including the 256 bytes and the special tokens
     * @param minFrequency pairs seen fewer times than this are never merged
     */
    public BpeTrainer(int vocabSize, int minFrequency, List<String> specialTokens) {
        if (vocabSize < 256 + specialTokens.size()) {
            throw new IllegalArgumentException("vocab size " + vocabSize + " is below 256 bytes + "
                    + specialTokens.size() + " special tokens");
        }
        this.vocabSize = vocabSize;
        this.minFrequency = Math.max(1, minFrequency);
        this.specialTokens = List.copyOf(specialTokens);
    }

    /** Learns the vocabulary from {@code texts}. */
    public BpeVocabulary train(Iterable<String> texts) {
        Map<String, Integer> wordCounts = countWords(texts);
        List<String> tokens = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            String t = String.valueOf(ByteLevelAlphabet.charOf(b));
            ids.put(t, tokens.size());
            tokens.add(t);
        }
        int n = wordCounts.size();
        int[][] words = new int[n][];
        int[] counts = new int[n];
        int w = 0;
        for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
            String chars = e.getKey();
            int[] symbols = new int[chars.length()];
            for (int i = 0; i < chars.length(); i++) symbols[i] = ids.get(String.valueOf(chars.charAt(i)));
            words[w] = symbols;
            counts[w++] = e.getValue();
        }
        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int i = 0; i < n; i++) addPairs(words[i], counts[i], i, pairCounts, where);
        PriorityQueue<long[]> queue = new PriorityQueue<>(BpeTrainer::compareCandidates);
        pairCounts.forEach((pair, count) -> queue.add(new long[] {count, pair}));

        List<BpeVocabulary.Merge> merges = new ArrayList<>();
        int target = vocabSize - specialTokens.size();
        while (tokens.size() < target && !queue.isEmpty()) {
            long[] top = queue.poll();
            long pair = top[1];
            long current = pairCounts.getOrDefault(pair, 0L);
            if (current != top[0]) continue; // stale entry; the fresh one is queued
            if (current < minFrequency) break;
            int left = (int) (pair >>> 32);
            int right = (int) pair;
            String text = tokens.get(left) + tokens.get(right);
            // Two different pairs can spell the same string; the token keeps its first id.
            Integer known = ids.get(text);
            int merged = known != null ? known : tokens.size();
            if (known == null) {
                ids.put(text, merged);
                tokens.add(text);
            }
            merges.add(new BpeVocabulary.Merge(tokens.get(left), tokens.get(right)));
            Set<Long> touched = new HashSet<>();
            for (int i : List.copyOf(where.getOrDefault(pair, Set.of()))) {
                removePairs(words[i], counts[i], i, pairCounts, where, touched);
                words[i] = applyMerge(words[i], left, right, merged);
                addPairs(words[i], counts[i], i, pairCounts, where);
                collect(words[i], touched);
            }
            pairCounts.remove(pair);
            where.remove(pair);
            for (long p : touched) {
                Long c = pairCounts.get(p);
                if (c != null && c > 0) queue.add(new long[] {c, p});
            }
        }
        return new BpeVocabulary(tokens, merges, specialTokens);
    }

    private Map<String, Integer> countWords(Iterable<String> texts) {
        Pattern specials = specialTokens.isEmpty() ? null : Pattern.compile(
                String.join("|", specialTokens.stream().map(Pattern::quote).toList()));
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            String[] pieces = specials == null ? new String[] {text} : specials.split(text);
            for (String piece : pieces) {
                for (String word : PreTokenizer.split(piece)) {
                    counts.merge(ByteLevelAlphabet.encode(word), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static int compareCandidates(long[] a, long[] b) {
        int byCount = Long.compare(b[0], a[0]);
        return byCount != 0 ? byCount : Long.compare(a[1], b[1]);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static void addPairs(int[] word, int count, int index, Map<Long, Long> pairCounts, Map<Long, Set<Integer>> where) {
        for (int j = 0; j + 1 < word.length; j++) {
            long k = key(word[j], word[j + 1]);
            pairCounts.merge(k, (long) count, Long::sum);
            where.computeIfAbsent(k, x -> new HashSet<>()).add(index);
        }
    }

    private static void removePairs(int[] word, int count, int index, Map<Long, Long> pairCounts,
                                    Map<Long, Set<Integer>> where, Set<Long> touched) {
        for (int j = 0; j + 1 < word.length; j++) {
            long k = key(word[j], word[j + 1]);
            pairCounts.merge(k, (long) -count, Long::sum);
            Set<Integer> s = where.get(k);
            if (s != null) s.remove(index);
            touched.add(k);
        }
    }

    private static void collect(int[] word, Set<Long> touched) {
        for (int j = 0; j + 1 < word.length; j++) touched.add(key(word[j], word[j + 1]));
    }

    private static int[] applyMerge(int[] word, int left, int right, int merged) {
        int[] out = new int[word.length];
        int k = 0;
        for (int j = 0; j < word.length; j++) {
            if (j + 1 < word.length && word[j] == left && word[j + 1] == right) {
                out[k++] = merged;
                j++;
            } else {
                out[k++] = word[j];
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }
}
