package invthink.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import invthink.checkpoint.Safetensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CausalLmTest {

    /** Two layers, GQA (4 query heads over 2 kv heads), q/k/v biases, untied head. */
    static final ModelConfig CONFIG = new ModelConfig("qwen2", 50, 32, 48, 2, 4, 2, 8, 1e-6, 10000, 128, false, true, 0, 1);

    @TempDir Path dir;

    @Test
    void logitsMatchAPlainComputationAndSurviveSaveAndLoad() throws Exception {
        Map<String, float[]> weights = randomWeights(CONFIG, 7);
        writeCheckpoint(dir, CONFIG, weights, false);
        int[] ids = {3, 17, 42, 0, 9, 49, 21, 5, 5, 30};
        float[][] expected = new ReferenceDecoder(CONFIG, weights).logits(ids);
        try (CausalLm model = CausalLm.load(dir, Device.cpu())) {
            float[] got = lastLogitsOf(model, ids);
            assertEquals(ids.length * CONFIG.vocabSize(), got.length);
            for (int t = 0; t < ids.length; t++) {
                for (int v = 0; v < CONFIG.vocabSize(); v++) {
                    assertEquals(expected[t][v], got[t * CONFIG.vocabSize() + v], 1e-4, "t=" + t + " v=" + v);
                }
            }
            Path saved = dir.resolve("saved");
            config(saved);
            model.saveWeights(saved.resolve(Safetensors.MODEL_FILE));
            Map<String, JsonNode> header = Safetensors.header(saved.resolve(Safetensors.MODEL_FILE));
            assertEquals(List.copyOf(CausalLm.parameterShapes(CONFIG).keySet()), List.copyOf(header.keySet()));
            assertEquals("[32,32]", header.get("model.layers.1.self_attn.o_proj.weight").get("shape").toString().replace(" ", ""));
            assertEquals("[16]", header.get("model.layers.0.self_attn.k_proj.bias").get("shape").toString());
            assertEquals("F32", header.get("lm_head.weight").get("dtype").asText());
            try (CausalLm again = CausalLm.load(saved, Device.cpu())) {
                assertArrayEquals(got, lastLogitsOf(again, ids));
            }
        }
    }

    @Test
    void bf16CheckpointsWidenToFp32() throws Exception {
        Map<String, float[]> weights = randomWeights(CONFIG, 11);
        // Round every weight to bf16 so the widened values are exact and comparable.
        weights.replaceAll((k, v) -> {
            float[] r = new float[v.length];
            for (int i = 0; i < v.length; i++) r[i] = Float.intBitsToFloat(Float.floatToIntBits(v[i]) & 0xFFFF0000);
            return r;
        });
        writeCheckpoint(dir, CONFIG, weights, true);
        int[] ids = {1, 2, 3, 4};
        float[][] expected = new ReferenceDecoder(CONFIG, weights).logits(ids);
        try (CausalLm model = CausalLm.load(dir, Device.cpu())) {
            float[] got = lastLogitsOf(model, ids);
            for (int v = 0; v < CONFIG.vocabSize(); v++) assertEquals(expected[3][v], got[3 * CONFIG.vocabSize() + v], 1e-4);
        }
    }

    @Test
    void tiedEmbeddingsUseTheEmbeddingMatrixAsHead() throws Exception {
        ModelConfig tied = new ModelConfig("llama", 40, 16, 32, 1, 2, 2, 8, 1e-5, 500000, 64, true, false, 0, 1);
        Map<String, float[]> weights = randomWeights(tied, 3);
        assertTrue(!weights.containsKey("lm_head.weight") && !weights.containsKey("model.layers.0.self_attn.q_proj.bias"));
        writeCheckpoint(dir, tied, weights, false);
        int[] ids = {5, 6, 7};
        float[][] expected = new ReferenceDecoder(tied, weights).logits(ids);
        try (CausalLm model = CausalLm.load(dir, Device.cpu())) {
            float[] got = lastLogitsOf(model, ids);
            for (int v = 0; v < tied.vocabSize(); v++) assertEquals(expected[2][v], got[2 * tied.vocabSize() + v], 1e-4);
        }
    }

    static float[] lastLogitsOf(CausalLm model, int[] ids) {
        NDManager m = model.manager();
        try (NDScope ignored = new NDScope()) {
            long[] longs = new long[ids.length];
            long[] pos = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                longs[i] = ids[i];
                pos[i] = i;
            }
            NDArray in = m.create(longs, new Shape(1, ids.length));
            NDArray positions = m.create(pos, new Shape(1, ids.length));
            NDArray mask = AttentionMask.packed(m, new int[][] {new int[ids.length]});
            return model.forward(in, positions, mask, null).toFloatArray();
        }
    }

    static Map<String, float[]> randomWeights(ModelConfig c, long seed) {
        Random r = new Random(seed);
        Map<String, float[]> out = new LinkedHashMap<>();
        CausalLm.parameterShapes(c).forEach((name, shape) -> {
            float[] a = new float[(int) shape.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = name.endsWith("norm.weight") ? 1f + 0.1f * (float) r.nextGaussian() : 0.2f * (float) r.nextGaussian();
            }
            out.put(name, a);
        });
        return out;
    }

    private void config(Path d) throws Exception {
        CONFIG.write(d);
    }

    static void writeCheckpoint(Path d, ModelConfig c, Map<String, float[]> weights, boolean bf16) throws Exception {
        c.write(d);
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        Map<String, Shape> shapes = CausalLm.parameterShapes(c);
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            ByteBuffer b = ByteBuffer.allocate(e.getValue().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : e.getValue()) b.putFloat(f);
            tensors.add(new Safetensors.Tensor(e.getKey(), shapes.get(e.getKey()).getShape(), b.flip()));
        }
        if (!bf16) {
            Safetensors.write(d.resolve(Safetensors.MODEL_FILE), tensors);
        } else {
            BfloatWriter.write(d.resolve(Safetensors.MODEL_FILE), tensors);
        }
    }
}
