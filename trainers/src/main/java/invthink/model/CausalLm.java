package invthink.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Linear;
import invthink.checkpoint.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder as plain DJL array operations over a map of Hugging Face-named weights. Every
 * array a forward pass creates is a temporary: callers run it inside an {@code NDScope}
 * (training step, generation step), so nothing accumulates on the weights' manager.
 */
public final class CausalLm implements AutoCloseable {

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> weights;
    private final NDArray cosTable;
    private final NDArray sinTable;

    private CausalLm(ModelConfig config, NDManager manager, Map<String, NDArray> weights) {
        this.config = config;
        this.manager = manager;
        this.weights = weights;
        NDArray[] tables = RotaryTables.create(manager, config);
        this.cosTable = tables[0];
        this.sinTable = tables[1];
    }

    /** Parameter names and shapes, in Hugging Face order. */
    public static Map<String, Shape> parameterShapes(ModelConfig c) {
        Map<String, Shape> s = new LinkedHashMap<>();
        long d = c.hiddenSize();
        long q = (long) c.numAttentionHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        s.put("model.embed_tokens.weight", new Shape(c.vocabSize(), d));
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = "model.layers." + l + ".";
            s.put(p + "input_layernorm.weight", new Shape(d));
            s.put(p + "self_attn.q_proj.weight", new Shape(q, d));
            if (c.attentionBias()) s.put(p + "self_attn.q_proj.bias", new Shape(q));
            s.put(p + "self_attn.k_proj.weight", new Shape(kv, d));
            if (c.attentionBias()) s.put(p + "self_attn.k_proj.bias", new Shape(kv));
            s.put(p + "self_attn.v_proj.weight", new Shape(kv, d));
            if (c.attentionBias()) s.put(p + "self_attn.v_proj.bias", new Shape(kv));
            s.put(p + "self_attn.o_proj.weight", new Shape(d, q));
            s.put(p + "post_attention_layernorm.weight", new Shape(d));
            s.put(p + "mlp.gate_proj.weight", new Shape(c.intermediateSize(), d));
            s.put(p + "mlp.up_proj.weight", new Shape(c.intermediateSize(), d));
            s.put(p + "mlp.down_proj.weight", new Shape(d, c.intermediateSize()));
        }
        s.put("model.norm.weight", new Shape(d));
        if (!c.tieWordEmbeddings()) s.put("lm_head.weight", new Shape(c.vocabSize(), d));
        return s;
    }

    /** Random weights: N(0, 0.02) matrices, unit norms, zero biases (as Hugging Face initialises). */
    public static CausalLm random(ModelConfig config, Device device, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        NDManager manager = NDManager.newBaseManager(device);
        Map<String, NDArray> w = new LinkedHashMap<>();
        parameterShapes(config).forEach((name, shape) -> {
            NDArray a;
            if (name.endsWith("norm.weight")) a = manager.ones(shape);
            else if (name.endsWith(".bias")) a = manager.zeros(shape);
            else a = manager.randomNormal(0f, 0.02f, shape, DataType.FLOAT32);
            a.setName(name);
            w.put(name, a);
        });
        return new CausalLm(config, manager, w);
    }

    /** Loads {@code config.json} and the safetensors weights of a Hugging Face checkpoint directory. */
    public static CausalLm load(Path dir, Device device) {
        ModelConfig config = ModelConfig.read(dir);
        Map<String, Shape> expected = parameterShapes(config);
        NDManager manager = NDManager.newBaseManager(device);
        Map<String, NDArray> loaded = new LinkedHashMap<>();
        try {
            for (Path file : Safetensors.weightFiles(dir)) {
                Safetensors.read(file, t -> {
                    Shape want = expected.get(t.name());
                    if (want == null) return; // e.g. lm_head.weight of a tied checkpoint, rotary buffers
                    Shape got = new Shape(t.shape());
                    if (!want.equals(got)) {
                        throw new IllegalArgumentException(t.name() + " has shape " + got + ", config says " + want);
                    }
                    NDArray a = manager.create(t.data().order(ByteOrder.nativeOrder()), got, DataType.FLOAT32);
                    a.setName(t.name());
                    loaded.put(t.name(), a);
                });
            }
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("cannot read weights in " + dir, e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        List<String> missing = new ArrayList<>(expected.keySet());
        missing.removeAll(loaded.keySet());
        if (!missing.isEmpty()) {
            manager.close();
            throw new IllegalArgumentException("checkpoint " + dir + " lacks " + missing.size() + " weights, e.g. " + missing.get(0));
        }
        Map<String, NDArray> ordered = new LinkedHashMap<>();
        expected.keySet().forEach(n -> ordered.put(n, loaded.get(n)));
        return new CausalLm(config, manager, ordered);
    }

    /** Writes the weights as FP32 {@code model.safetensors} with Hugging Face names. */
    public void saveWeights(Path file) throws IOException {
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : weights.entrySet()) {
            ByteBuffer data = e.getValue().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            tensors.add(new Safetensors.Tensor(e.getKey(), e.getValue().getShape().getShape(), data));
        }
        Safetensors.write(file, tensors);
    }

    public ModelConfig config() {
        return config;
    }

    public NDManager manager() {
        return manager;
    }

    /** The weights by Hugging Face name, in order (the arrays themselves, not copies). */
    public Map<String, NDArray> weights() {
        return Collections.unmodifiableMap(weights);
    }

    /** Marks every weight as trainable (or not), so a gradient collector records it. */
    public void requireGradients(boolean on) {
        weights.values().forEach(w -> w.setRequiresGradient(on));
    }

    /**
     * Logits {@code [batch, length, vocab]}.
     *
     * @param ids       token ids {@code [batch, length]} (int64)
     * @param positions rotary position of each token {@code [batch, length]} (int64)
     * @param mask      additive mask {@code [batch, 1, length, cached + length]}, see {@link AttentionMask}
     * @param cache     keys and values of earlier positions, extended in place; null for none
     */
    public NDArray forward(NDArray ids, NDArray positions, NDArray mask, KvCache cache) {
        NDArray x = hidden(ids, positions, mask, cache);
        NDArray head = config.tieWordEmbeddings() ? w("model.embed_tokens.weight") : w("lm_head.weight");
        return Linear.linear(x, head).singletonOrThrow();
    }

    /** Final hidden states {@code [batch, length, hidden]} (after the last norm). */
    public NDArray hidden(NDArray ids, NDArray positions, NDArray mask, KvCache cache) {
        NDArray x = embed(ids, w("model.embed_tokens.weight"));
        NDArray cos = embed(positions, cosTable).expandDims(1);
        NDArray sin = embed(positions, sinTable).expandDims(1);
        for (int l = 0; l < config.numHiddenLayers(); l++) {
            String p = "model.layers." + l + ".";
            NDArray h = rmsNorm(x, w(p + "input_layernorm.weight"));
            x = x.add(attention(l, p + "self_attn.", h, cos, sin, mask, cache));
            h = rmsNorm(x, w(p + "post_attention_layernorm.weight"));
            NDArray gate = Linear.linear(h, w(p + "mlp.gate_proj.weight")).singletonOrThrow();
            NDArray up = Linear.linear(h, w(p + "mlp.up_proj.weight")).singletonOrThrow();
            NDArray act = gate.mul(gate.getNDArrayInternal().sigmoid()).mul(up);
            x = x.add(Linear.linear(act, w(p + "mlp.down_proj.weight")).singletonOrThrow());
        }
        return rmsNorm(x, w("model.norm.weight"));
    }

    private NDArray attention(int layer, String p, NDArray h, NDArray cos, NDArray sin, NDArray mask, KvCache cache) {
        long b = h.getShape().get(0);
        long t = h.getShape().get(1);
        int heads = config.numAttentionHeads();
        int kvHeads = config.numKeyValueHeads();
        int d = config.headDim();
        NDArray q = project(h, p + "q_proj").reshape(b, t, heads, d).transpose(0, 2, 1, 3);
        NDArray k = project(h, p + "k_proj").reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3);
        NDArray v = project(h, p + "v_proj").reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3);
        q = rotate(q, cos, sin);
        k = rotate(k, cos, sin);
        if (cache != null) {
            if (cache.keys(layer) != null) {
                k = NDArrays.concat(new NDList(cache.keys(layer), k), 2);
                v = NDArrays.concat(new NDList(cache.values(layer), v), 2);
            }
            cache.put(layer, k, v);
        }
        if (heads != kvHeads) {
            // Query head i reads key/value head i / (heads / kvHeads), as Hugging Face's repeat_kv.
            k = k.repeat(1, heads / kvHeads);
            v = v.repeat(1, heads / kvHeads);
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(d)).add(mask);
        NDArray out = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * d);
        return Linear.linear(out, w(p + "o_proj.weight")).singletonOrThrow();
    }

    private NDArray project(NDArray h, String name) {
        NDArray bias = weights.get(name + ".bias");
        NDList out = bias == null ? Linear.linear(h, w(name + ".weight")) : Linear.linear(h, w(name + ".weight"), bias);
        return out.singletonOrThrow();
    }

    /** Rotary embedding in Hugging Face's half-split layout: x·cos + rotate_half(x)·sin. */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3);
        NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray variance = x.square().mean(new int[] {-1}, true);
        return x.mul(variance.add(config.rmsNormEps()).sqrt().getNDArrayInternal().rdiv(1f)).mul(weight);
    }

    private static NDArray embed(NDArray ids, NDArray table) {
        return table.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private NDArray w(String name) {
        NDArray a = weights.get(name);
        if (a == null) throw new IllegalStateException("no weight " + name);
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
