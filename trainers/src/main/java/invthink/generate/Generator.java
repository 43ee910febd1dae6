package invthink.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import invthink.model.AttentionMask;
import invthink.model.CausalLm;
import invthink.model.GradMode;
import invthink.model.KvCache;
import invthink.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generates continuations of a batch of prompts. Prompts are left-padded to a common length,
 * padding is masked out and positions count real tokens only, so a row generates exactly
 * what it would alone. With the cache each step feeds one token per row; without it every
 * step recomputes the whole sequence (kept for checking and for the benchmark).
 */
public final class Generator {

    private final CausalLm model;
    private final TextTokenizer tokenizer;

    /** @param tokenizer decodes text and stop strings; null for ids only (benchmarks on random weights) */
    public Generator(CausalLm model, TextTokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Called after each generated token of each unfinished row (for streaming). */
    @FunctionalInterface
    public interface TokenListener {
        void onToken(int row, int token, boolean finished);
    }

    public List<Completion> generate(List<int[]> prompts, SamplingParams params, boolean useCache) {
        return generate(prompts, params, useCache, (row, token, finished) -> {});
    }

    public List<Completion> generate(List<int[]> prompts, SamplingParams params, boolean useCache, TokenListener listener) {
        GradMode.disable();
        int b = prompts.size();
        int promptLength = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
        if (prompts.stream().anyMatch(p -> p.length == 0)) throw new IllegalArgumentException("empty prompt");
        int total = promptLength + params.maxNewTokens();
        long[][] ids = new long[b][total];
        long[][] positions = new long[b][total];
        boolean[][] valid = new boolean[b][total];
        for (int r = 0; r < b; r++) {
            int pad = promptLength - prompts.get(r).length;
            for (int j = 0; j < promptLength; j++) {
                valid[r][j] = j >= pad;
                ids[r][j] = valid[r][j] ? prompts.get(r)[j - pad] : 0;
                positions[r][j] = Math.max(0, j - pad);
            }
        }
        Row[] rows = new Row[b];
        TokenSampler sampler = new TokenSampler(params);
        for (int r = 0; r < b; r++) rows[r] = new Row(prompts.get(r).length);
        NDManager manager = model.manager();
        try (KvCache cache = useCache ? new KvCache(model.config().numHiddenLayers()) : null) {
            int length = promptLength;
            for (int step = 0; step < params.maxNewTokens(); step++) {
                float[] last;
                try (NDScope ignored = new NDScope()) {
                    int from = useCache && step > 0 ? length - 1 : 0;
                    int queries = length - from;
                    NDArray in = manager.create(slice(ids, from, length), new Shape(b, queries));
                    NDArray pos = manager.create(slice(positions, from, length), new Shape(b, queries));
                    NDArray mask = AttentionMask.cached(manager, prefix(valid, length), from, queries);
                    NDArray logits = model.forward(in, pos, mask, cache);
                    last = logits.get(new NDIndex(":, " + (queries - 1) + ", :")).toFloatArray();
                }
                int vocab = last.length / b;
                boolean allDone = true;
                for (int r = 0; r < b; r++) {
                    Row row = rows[r];
                    long next = 0;
                    if (!row.done) {
                        TokenSampler.Choice c = sampler.choose(Arrays.copyOfRange(last, r * vocab, (r + 1) * vocab));
                        row.add(c.token(), c.logProb());
                        next = c.token();
                        row.checkStop(params, tokenizer);
                        listener.onToken(r, c.token(), row.done);
                    }
                    ids[r][length] = next;
                    positions[r][length] = row.promptLength + row.tokens.size() - 1;
                    valid[r][length] = true;
                    allDone &= row.done;
                }
                length++;
                if (allDone) break;
            }
        }
        List<Completion> out = new ArrayList<>(b);
        for (Row row : rows) out.add(row.toCompletion(tokenizer));
        return out;
    }

    private static long[] slice(long[][] a, int from, int to) {
        long[] out = new long[a.length * (to - from)];
        for (int r = 0; r < a.length; r++) System.arraycopy(a[r], from, out, r * (to - from), to - from);
        return out;
    }

    private static boolean[][] prefix(boolean[][] a, int to) {
        boolean[][] out = new boolean[a.length][];
        for (int r = 0; r < a.length; r++) out[r] = Arrays.copyOf(a[r], to);
        return out;
    }

    /** Per-sequence state: what it generated, and whether and why it finished. */
    private static final class Row {
        final int promptLength;
        final List<Integer> tokens = new ArrayList<>();
        final List<Float> logProbs = new ArrayList<>();
        boolean done;
        String finish = Completion.LENGTH;
        String text;

        Row(int promptLength) {
            this.promptLength = promptLength;
        }

        void add(int token, float logProb) {
            tokens.add(token);
            logProbs.add(logProb);
        }

        void checkStop(SamplingParams params, TextTokenizer tokenizer) {
            int token = tokens.get(tokens.size() - 1);
            if (params.stopTokenIds().contains(token)) {
                done = true;
                finish = Completion.STOP;
                text = tokenizer == null ? "" : tokenizer.decode(ids(tokens.size() - 1), false);
                return;
            }
            if (!params.stopStrings().isEmpty() && tokenizer != null) {
                String sofar = tokenizer.decode(ids(tokens.size()), false);
                for (String stop : params.stopStrings()) {
                    int at = sofar.indexOf(stop);
                    if (at >= 0) {
                        done = true;
                        finish = Completion.STOP;
                        text = sofar.substring(0, at);
                        return;
                    }
                }
            }
            if (tokens.size() >= params.maxNewTokens()) done = true;
        }

        int[] ids(int n) {
            return tokens.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
        }

        Completion toCompletion(TextTokenizer tokenizer) {
            float[] lp = new float[logProbs.size()];
            for (int i = 0; i < lp.length; i++) lp[i] = logProbs.get(i);
            String t = text != null ? text : tokenizer == null ? "" : tokenizer.decode(ids(tokens.size()), false);
            return new Completion(ids(tokens.size()), lp, t, finish, promptLength);
        }
    }
}
