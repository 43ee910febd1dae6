package invthink.model;

import java.util.Map;

/** The same decoder written plainly with loops over float arrays (no DJL), for checking numerics. */
final class ReferenceDecoder {

    private final ModelConfig c;
    private final Map<String, float[]> w;

    ReferenceDecoder(ModelConfig c, Map<String, float[]> weights) {
        this.c = c;
        this.w = weights;
    }

    /** Logits of every position of one causal sequence, positions 0..n-1. */
    float[][] logits(int[] ids) {
        int n = ids.length;
        int d = c.hiddenSize();
        float[][] x = new float[n][d];
        for (int t = 0; t < n; t++) System.arraycopy(w.get("model.embed_tokens.weight"), ids[t] * d, x[t], 0, d);
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = "model.layers." + l + ".";
            float[][] h = norm(x, w.get(p + "input_layernorm.weight"));
            float[][] a = attention(h, p + "self_attn.");
            for (int t = 0; t < n; t++) for (int i = 0; i < d; i++) x[t][i] += a[t][i];
            h = norm(x, w.get(p + "post_attention_layernorm.weight"));
            float[][] g = linear(h, w.get(p + "mlp.gate_proj.weight"), null, c.intermediateSize());
            float[][] u = linear(h, w.get(p + "mlp.up_proj.weight"), null, c.intermediateSize());
            for (int t = 0; t < n; t++) {
                for (int i = 0; i < g[t].length; i++) {
                    double s = g[t][i] / (1 + Math.exp(-g[t][i]));
                    g[t][i] = (float) (s * u[t][i]);
                }
            }
            float[][] m = linear(g, w.get(p + "mlp.down_proj.weight"), null, d);
            for (int t = 0; t < n; t++) for (int i = 0; i < d; i++) x[t][i] += m[t][i];
        }
        x = norm(x, w.get("model.norm.weight"));
        float[] head = c.tieWordEmbeddings() ? w.get("model.embed_tokens.weight") : w.get("lm_head.weight");
        return linear(x, head, null, c.vocabSize());
    }

    private float[][] attention(float[][] h, String p) {
        int n = h.length;
        int hd = c.headDim();
        int heads = c.numAttentionHeads();
        int kvHeads = c.numKeyValueHeads();
        float[][] q = linear(h, w.get(p + "q_proj.weight"), w.get(p + "q_proj.bias"), heads * hd);
        float[][] k = linear(h, w.get(p + "k_proj.weight"), w.get(p + "k_proj.bias"), kvHeads * hd);
        float[][] v = linear(h, w.get(p + "v_proj.weight"), w.get(p + "v_proj.bias"), kvHeads * hd);
        for (int t = 0; t < n; t++) {
            for (int hh = 0; hh < heads; hh++) rope(q[t], hh * hd, t);
            for (int hh = 0; hh < kvHeads; hh++) rope(k[t], hh * hd, t);
        }
        float[][] out = new float[n][heads * hd];
        int group = heads / kvHeads;
        for (int hh = 0; hh < heads; hh++) {
            int kvh = hh / group;
            for (int i = 0; i < n; i++) {
                double[] s = new double[i + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    double dot = 0;
                    for (int e = 0; e < hd; e++) dot += q[i][hh * hd + e] * k[j][kvh * hd + e];
                    s[j] = dot / Math.sqrt(hd);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j <= i; j++) sum += s[j] = Math.exp(s[j] - max);
                for (int e = 0; e < hd; e++) {
                    double acc = 0;
                    for (int j = 0; j <= i; j++) acc += s[j] / sum * v[j][kvh * hd + e];
                    out[i][hh * hd + e] = (float) acc;
                }
            }
        }
        return linear(out, w.get(p + "o_proj.weight"), null, c.hiddenSize());
    }

    private void rope(float[] vec, int off, int pos) {
        int hd = c.headDim();
        int half = hd / 2;
        float[] copy = java.util.Arrays.copyOfRange(vec, off, off + hd);
        for (int i = 0; i < half; i++) {
            double angle = pos / Math.pow(c.ropeTheta(), 2.0 * i / hd);
            double cs = Math.cos(angle);
            double sn = Math.sin(angle);
            vec[off + i] = (float) (copy[i] * cs - copy[i + half] * sn);
            vec[off + i + half] = (float) (copy[i + half] * cs + copy[i] * sn);
        }
    }

    private float[][] norm(float[][] x, float[] weight) {
        float[][] out = new float[x.length][];
        for (int t = 0; t < x.length; t++) {
            double ss = 0;
            for (float f : x[t]) ss += f * f;
            double r = 1 / Math.sqrt(ss / x[t].length + c.rmsNormEps());
            out[t] = new float[x[t].length];
            for (int i = 0; i < x[t].length; i++) out[t][i] = (float) (x[t][i] * r * weight[i]);
        }
        return out;
    }

    /** y = x Wᵀ + b with W stored row-major {@code [out, in]}. */
    private static float[][] linear(float[][] x, float[] weight, float[] bias, int outDim) {
        int in = x[0].length;
        float[][] y = new float[x.length][outDim];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < outDim; o++) {
                double acc = bias == null ? 0 : bias[o];
                for (int i = 0; i < in; i++) acc += x[t][i] * weight[o * in + i];
                y[t][o] = (float) acc;
            }
        }
        return y;
    }
}
