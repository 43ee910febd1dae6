package invthink.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import invthink.chat.EncodedExample;
import invthink.model.AttentionMask;
import java.util.ArrayList;
import java.util.List;

/**
 * A micro-batch of rows {@code [rows, length]}. With packing, a row holds several examples
 * back to back: each keeps its own segment number (the mask blocks attention across
 * segments) and positions restarting at 0, and no label crosses into the next example.
 */
public record PackedBatch(int rows, int length, long[] ids, long[] positions, int[][] segments,
                          long[] labels, float[] weights, int examples, int tokens, int lossTokens) {

    /**
     * Packs {@code examples} in order, next-fit, into rows of at most {@code maxLength}
     * tokens; without {@code packing}, one example per row.
     */
    public static PackedBatch of(List<EncodedExample> examples, int maxLength, boolean packing) {
        List<List<EncodedExample>> rows = new ArrayList<>();
        int used = 0;
        for (EncodedExample e : examples) {
            if (e.length() > maxLength) throw new IllegalArgumentException("example of " + e.length() + " tokens > " + maxLength);
            if (rows.isEmpty() || !packing || used + e.length() > maxLength) {
                rows.add(new ArrayList<>());
                used = 0;
            }
            rows.get(rows.size() - 1).add(e);
            used += e.length();
        }
        int length = 0;
        for (List<EncodedExample> r : rows) length = Math.max(length, r.stream().mapToInt(EncodedExample::length).sum());
        int n = rows.size();
        long[] ids = new long[n * length];
        long[] positions = new long[n * length];
        int[][] segments = new int[n][length];
        long[] labels = new long[n * length];
        float[] weights = new float[n * length];
        int tokens = 0;
        int lossTokens = 0;
        for (int r = 0; r < n; r++) {
            java.util.Arrays.fill(segments[r], -1);
            int t = 0;
            int seg = 0;
            for (EncodedExample e : rows.get(r)) {
                for (int i = 0; i < e.length(); i++, t++) {
                    int at = r * length + t;
                    ids[at] = e.ids()[i];
                    positions[at] = i;
                    segments[r][t] = seg;
                    if (i + 1 < e.length()) {
                        labels[at] = e.ids()[i + 1];
                        if (e.lossMask()[i + 1]) {
                            weights[at] = 1f;
                            lossTokens++;
                        }
                    }
                }
                tokens += e.length();
                seg++;
            }
        }
        return new PackedBatch(n, length, ids, positions, segments, labels, weights, examples.size(), tokens, lossTokens);
    }

    /** The arrays the model and loss need: ids, positions, mask, labels, weights. */
    public Inputs toArrays(NDManager manager) {
        Shape shape = new Shape(rows, length);
        return new Inputs(manager.create(ids, shape), manager.create(positions, shape),
                AttentionMask.packed(manager, segments), manager.create(labels, shape), manager.create(weights, shape));
    }

    /** DJL arrays of one batch. */
    public record Inputs(NDArray ids, NDArray positions, NDArray mask, NDArray labels, NDArray weights) {}
}
