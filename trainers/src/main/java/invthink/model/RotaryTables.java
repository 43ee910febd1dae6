package invthink.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** cos and sin of position × inverse frequency, {@code [maxPositions, headDim]}, halves repeated. */
final class RotaryTables {

    /** Tables beyond this many positions are cut: longer contexts than this are not trained here. */
    static final int MAX_TABLE = 8192;

    private RotaryTables() {}

    static NDArray[] create(NDManager manager, ModelConfig c) {
        int d = c.headDim();
        int half = d / 2;
        int positions = Math.min(c.maxPositionEmbeddings(), MAX_TABLE);
        float[] invFreq = new float[half];
        for (int i = 0; i < half; i++) invFreq[i] = (float) (1.0 / Math.pow(c.ropeTheta(), (2.0 * i) / d));
        float[] cos = new float[positions * d];
        float[] sin = new float[positions * d];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < half; i++) {
                float angle = p * invFreq[i];
                cos[p * d + i] = cos[p * d + i + half] = (float) Math.cos(angle);
                sin[p * d + i] = sin[p * d + i + half] = (float) Math.sin(angle);
            }
        }
        return new NDArray[] {manager.create(cos, new Shape(positions, d)), manager.create(sin, new Shape(positions, d))};
    }
}
