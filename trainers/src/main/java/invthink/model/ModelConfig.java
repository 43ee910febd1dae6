package invthink.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The architecture, as a Hugging Face {@code config.json} states it. {@code attentionBias}
 * is true for Qwen2 (biases on q, k and v) and follows {@code attention_bias} for Llama.
 */
public record ModelConfig(
        String modelType,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        int bosTokenId,
        int eosTokenId) {

    public static final String FILE_NAME = "config.json";
    /** The embedded default's policy: small enough to train from scratch on two CPU cores. */
    public static final String SMALL = "small";
    /** The shape of Qwen/Qwen2.5-0.5B-Instruct (random weights; for benchmarks and GPU checks). */
    public static final String QWEN25_05B = "qwen2.5-0.5b";
    /** A two-layer, 64-wide model for tests. */
    public static final String TINY = "tiny";
    public static final List<String> NAMED = List.of(TINY, SMALL, QWEN25_05B);

    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelConfig {
        if (hiddenSize % numAttentionHeads != 0 && headDim <= 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " not divisible by heads " + numAttentionHeads);
        }
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + numAttentionHeads
                    + " is not a multiple of num_key_value_heads " + numKeyValueHeads);
        }
        if (headDim % 2 != 0) throw new IllegalArgumentException("head_dim must be even for rotary embeddings");
    }

    /** A named configuration with the given vocabulary size (the tokenizer decides it). */
    public static ModelConfig named(String name, int vocabSize) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case TINY -> new ModelConfig("qwen2", vocabSize, 64, 128, 2, 4, 2, 16, 1e-6, 10000, 1024, true, true, 0, 0);
            case SMALL -> new ModelConfig("qwen2", vocabSize, 256, 768, 4, 8, 2, 32, 1e-6, 10000, 2048, true, true, 0, 0);
            case QWEN25_05B -> new ModelConfig("qwen2", vocabSize, 896, 4864, 24, 14, 2, 64, 1e-6, 1000000, 32768, true, true, 0, 0);
            default -> throw new IllegalArgumentException("unknown config " + name + "; named configs: " + NAMED);
        };
    }

    public ModelConfig withTokens(int vocab, int bos, int eos) {
        return new ModelConfig(modelType, vocab, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, headDim, rmsNormEps, ropeTheta, maxPositionEmbeddings, tieWordEmbeddings,
                attentionBias, bos, eos);
    }

    /** Reads {@code config.json} (a file or a checkpoint directory). */
    public static ModelConfig read(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(FILE_NAME) : fileOrDir;
        try {
            return fromJson(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config " + file, e);
        }
    }

    public static ModelConfig fromJson(JsonNode n) {
        String type = n.path("model_type").asText("llama");
        int hidden = required(n, "hidden_size");
        int heads = required(n, "num_attention_heads");
        int headDim = n.hasNonNull("head_dim") ? n.get("head_dim").asInt() : hidden / heads;
        boolean bias = n.has("attention_bias") ? n.get("attention_bias").asBoolean() : type.startsWith("qwen2");
        return new ModelConfig(type, required(n, "vocab_size"), hidden, required(n, "intermediate_size"),
                required(n, "num_hidden_layers"), heads, n.path("num_key_value_heads").asInt(heads), headDim,
                n.path("rms_norm_eps").asDouble(1e-6), n.path("rope_theta").asDouble(10000),
                n.path("max_position_embeddings").asInt(2048), n.path("tie_word_embeddings").asBoolean(false),
                bias, firstInt(n.get("bos_token_id")), firstInt(n.get("eos_token_id")));
    }

    private static int firstInt(JsonNode n) {
        if (n == null || n.isNull()) return 0;
        return n.isArray() ? n.get(0).asInt() : n.asInt();
    }

    private static int required(JsonNode n, String field) {
        if (!n.hasNonNull(field)) throw new IllegalArgumentException("config.json lacks " + field);
        return n.get(field).asInt();
    }

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.putArray("architectures").add(modelType.startsWith("qwen2") ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
        n.put("model_type", modelType);
        n.put("vocab_size", vocabSize);
        n.put("hidden_size", hiddenSize);
        n.put("intermediate_size", intermediateSize);
        n.put("num_hidden_layers", numHiddenLayers);
        n.put("num_attention_heads", numAttentionHeads);
        n.put("num_key_value_heads", numKeyValueHeads);
        n.put("head_dim", headDim);
        n.put("hidden_act", "silu");
        n.put("rms_norm_eps", rmsNormEps);
        n.put("rope_theta", ropeTheta);
        n.put("max_position_embeddings", maxPositionEmbeddings);
        n.put("tie_word_embeddings", tieWordEmbeddings);
        n.put("attention_bias", attentionBias);
        n.put("attention_dropout", 0.0);
        n.put("bos_token_id", bosTokenId);
        n.put("eos_token_id", eosTokenId);
        n.put("torch_dtype", "float32");
        n.put("use_cache", true);
        return n;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()));
    }

    /** Parameter count, embeddings counted once when tied. */
    public long parameterCount() {
        long d = hiddenSize;
        long q = (long) numAttentionHeads * headDim;
        long kv = (long) numKeyValueHeads * headDim;
        long attn = d * q + 2 * d * kv + q * d + (attentionBias ? q + 2 * kv : 0);
        long mlp = 3 * d * intermediateSize;
        long layer = attn + mlp + 2 * d;
        long embed = (long) vocabSize * d;
        return embed * (tieWordEmbeddings ? 1 : 2) + numHiddenLayers * layer + d;
    }
}
