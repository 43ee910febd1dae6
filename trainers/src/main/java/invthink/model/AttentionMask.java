package invthink.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Additive attention masks, {@code [batch, 1, queries, keys]}: 0 where a query may attend, a
 * large negative number where it may not (finite, so a fully masked padding row stays finite).
 */
public final class AttentionMask {

    static final float BLOCKED = -1e9f;

    private AttentionMask() {}

    /**
     * Causal within each segment and blocked across segments: the block-diagonal mask of
     * packed sequences. {@code segments[b][t]} numbers the sequence each token belongs to;
     * negative marks padding (which then attends only to itself).
     */
    public static NDArray packed(NDManager manager, int[][] segments) {
        int b = segments.length;
        int t = segments[0].length;
        float[] mask = new float[b * t * t];
        for (int s = 0; s < b; s++) {
            for (int i = 0; i < t; i++) {
                int base = (s * t + i) * t;
                for (int j = 0; j < t; j++) {
                    boolean allowed = j == i
                            || (j < i && segments[s][i] >= 0 && segments[s][j] == segments[s][i]);
                    mask[base + j] = allowed ? 0f : BLOCKED;
                }
            }
        }
        return manager.create(mask, new Shape(b, 1, t, t));
    }

    /**
     * Causal over a cache: query {@code i} of the new block sits at absolute index
     * {@code past + i}; key {@code j} is visible when {@code j <= past + i} and
     * {@code keyValid[b][j]} (false for left padding).
     */
    public static NDArray cached(NDManager manager, boolean[][] keyValid, int past, int queries) {
        int b = keyValid.length;
        int keys = keyValid[0].length;
        float[] mask = new float[b * queries * keys];
        for (int s = 0; s < b; s++) {
            for (int i = 0; i < queries; i++) {
                int base = (s * queries + i) * keys;
                for (int j = 0; j < keys; j++) {
                    boolean allowed = j == past + i || (j < past + i && keyValid[s][j]);
                    mask[base + j] = allowed ? 0f : BLOCKED;
                }
            }
        }
        return manager.create(mask, new Shape(b, 1, queries, keys));
    }
}
