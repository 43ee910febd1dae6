package invthink.grpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import invthink.model.AttentionMask;
import java.util.List;

/**
 * Prompt + completion rows, right-padded, laid out so that position {@code t}'s logits predict
 * label {@code t}: {@code labels[t] = ids[t + 1]}; {@code mask} is 1 where that label is a
 * completion token, and {@code oldLogProbs} holds its sampling log-prob there.
 */
record RolloutBatch(int rows, int length, long[] ids, long[] positions, int[][] segments, long[] labels,
                    float[] mask, float[] oldLogProbs, float[] advantages, int completionTokens) {

    static RolloutBatch of(List<RolloutSample> samples) {
        int rows = samples.size();
        int length = samples.stream().mapToInt(RolloutSample::length).max().orElseThrow();
        long[] ids = new long[rows * length];
        long[] positions = new long[rows * length];
        int[][] segments = new int[rows][length];
        long[] labels = new long[rows * length];
        float[] mask = new float[rows * length];
        float[] old = new float[rows * length];
        float[] adv = new float[rows];
        int tokens = 0;
        for (int r = 0; r < rows; r++) {
            RolloutSample s = samples.get(r);
            int p = s.promptIds().length;
            int n = s.length();
            adv[r] = (float) s.advantage();
            for (int t = 0; t < length; t++) {
                int at = r * length + t;
                segments[r][t] = t < n ? 0 : -1;
                if (t < n) {
                    ids[at] = t < p ? s.promptIds()[t] : s.completionIds()[t - p];
                    positions[at] = t;
                }
                if (t + 1 < n) labels[at] = t + 1 < p ? s.promptIds()[t + 1] : s.completionIds()[t + 1 - p];
                if (t + 1 >= p && t + 1 < n) {
                    mask[at] = 1f;
                    old[at] = s.oldLogProbs()[t + 1 - p];
                    tokens++;
                }
            }
        }
        return new RolloutBatch(rows, length, ids, positions, segments, labels, mask, old, adv, tokens);
    }

    /** DJL arrays of the batch. */
    record Arrays(NDArray ids, NDArray positions, NDArray attention, NDArray labels, NDArray mask,
                  NDArray oldLogProbs, NDArray advantages) {}

    Arrays toArrays(NDManager manager) {
        Shape shape = new Shape(rows, length);
        return new Arrays(manager.create(ids, shape), manager.create(positions, shape),
                AttentionMask.packed(manager, segments), manager.create(labels, shape), manager.create(mask, shape),
                manager.create(oldLogProbs, shape), manager.create(advantages));
    }
}
