package invthink.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.Collection;

/** The L2 norm of all gradients together (what clipping by global norm divides by). */
public final class GlobalNorm {

    private GlobalNorm() {}

    public static double of(Collection<NDArray> weights) {
        double sum = 0;
        for (NDArray w : weights) {
            if (!w.hasGradient()) continue;
            try (NDScope ignored = new NDScope()) {
                sum += w.getGradient().square().sum().getFloat();
            } catch (IllegalStateException unused) {
                // a weight the loss did not reach has no gradient
            }
        }
        return Math.sqrt(sum);
    }
}
