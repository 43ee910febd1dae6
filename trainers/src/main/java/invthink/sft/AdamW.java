package invthink.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import invthink.checkpoint.Safetensors;
import invthink.model.GradMode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (decoupled weight decay, bias-corrected moments), updating the weights in place
 * under no-grad. Written here rather than through DJL's {@code Trainer}, whose optimizers
 * clip element-wise and whose first step fails when every gradient is zero.
 */
public final class AdamW implements AutoCloseable {

    private final Map<String, NDArray> params;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoment = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private long steps;

    public AdamW(Map<String, NDArray> params, NDManager parent, double beta1, double beta2, double epsilon, double weightDecay) {
        this.params = params;
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        params.forEach((name, p) -> {
            firstMoment.put(name, manager.zeros(p.getShape()));
            secondMoment.put(name, manager.zeros(p.getShape()));
        });
    }

    /** Paper and TRL defaults: β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public static AdamW defaults(Map<String, NDArray> params, NDManager parent) {
        return new AdamW(params, parent, 0.9, 0.999, 1e-8, 0.0);
    }

    /** One update from the gradients the weights hold, scaled by {@code gradScale} (clipping). */
    public void step(double learningRate, double gradScale) {
        GradMode.disable();
        steps++;
        float bc1 = (float) (1 - Math.pow(beta1, steps));
        float bc2 = (float) (1 - Math.pow(beta2, steps));
        // One scope per weight: temporaries of the whole model at once would double its memory.
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            try (NDScope ignored = new NDScope()) {
                NDArray p = e.getValue();
                if (!p.hasGradient()) continue;
                NDArray g = p.getGradient();
                if (gradScale != 1.0) g = g.mul((float) gradScale);
                NDArray m = firstMoment.get(e.getKey());
                NDArray v = secondMoment.get(e.getKey());
                m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
                v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
                NDArray denom = v.div(bc2).sqrt().addi((float) epsilon);
                if (weightDecay != 0) p.muli((float) (1 - learningRate * weightDecay));
                p.subi(m.div(bc1).divi(denom).muli((float) learningRate));
            }
        }
    }

    public long steps() {
        return steps;
    }

    /** Moments as safetensors ({@code NAME.exp_avg}, {@code NAME.exp_avg_sq}); the step count goes in the trainer state. */
    public void save(Path file) throws IOException {
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (String name : params.keySet()) {
            tensors.add(tensor(name + ".exp_avg", firstMoment.get(name)));
            tensors.add(tensor(name + ".exp_avg_sq", secondMoment.get(name)));
        }
        Safetensors.write(file, tensors);
    }

    /** Restores moments written by {@link #save} and the step count. */
    public void load(Path file, long stepCount) throws IOException {
        Safetensors.read(file, t -> {
            String name = t.name();
            Map<String, NDArray> target = name.endsWith(".exp_avg_sq") ? secondMoment : firstMoment;
            String param = name.substring(0, name.lastIndexOf(".exp_avg"));
            NDArray old = target.get(param);
            if (old == null) throw new IllegalArgumentException("optimizer state for unknown weight " + param);
            NDArray loaded = manager.create(t.data().order(ByteOrder.nativeOrder()), old.getShape(), old.getDataType());
            old.close();
            target.put(param, loaded);
        });
        this.steps = stepCount;
    }

    private static Safetensors.Tensor tensor(String name, NDArray a) {
        return new Safetensors.Tensor(name, a.getShape().getShape(), a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public void close() {
        manager.close();
    }
}
