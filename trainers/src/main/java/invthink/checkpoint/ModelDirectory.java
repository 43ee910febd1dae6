package invthink.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import invthink.chat.ChatTemplate;
import invthink.model.CausalLm;
import invthink.tokenizer.SpecialTokens;
import invthink.tokenizer.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint directory Hugging Face tools load: {@code config.json},
 * {@code model.safetensors} (FP32), {@code tokenizer.json}, {@code tokenizer_config.json}
 * (copied from the source when it has one, else ours with the ChatML template) and
 * {@code generation_config.json}.
 */
public final class ModelDirectory {

    public static final String GENERATION_CONFIG = "generation_config.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelDirectory() {}

    /** Writes the model's files into {@code dir} (created if needed). */
    public static void write(Path dir, CausalLm model, TextTokenizer tokenizer) throws IOException {
        Files.createDirectories(dir);
        model.config().write(dir);
        model.saveWeights(dir.resolve(Safetensors.MODEL_FILE));
        Path tokenizerFile = tokenizer.file().toAbsolutePath();
        Path target = dir.resolve(TextTokenizer.FILE_NAME).toAbsolutePath();
        if (!tokenizerFile.equals(target)) Files.copy(tokenizerFile, target, StandardCopyOption.REPLACE_EXISTING);
        Path sourceConfig = tokenizerFile.resolveSibling(TOKENIZER_CONFIG);
        if (Files.isRegularFile(sourceConfig)) {
            if (!sourceConfig.equals(dir.resolve(TOKENIZER_CONFIG).toAbsolutePath())) {
                Files.copy(sourceConfig, dir.resolve(TOKENIZER_CONFIG), StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            Files.writeString(dir.resolve(TOKENIZER_CONFIG), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(tokenizerConfig(model.config().maxPositionEmbeddings())));
        }
        Files.writeString(dir.resolve(GENERATION_CONFIG), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(generationConfig(model, tokenizer)));
    }

    /** Ids that end an assistant turn: {@code <|im_end|>}, {@code <|endoftext|>}, and the config's eos. */
    public static List<Integer> stopTokenIds(TextTokenizer tokenizer, int configEos) {
        List<Integer> ids = new ArrayList<>();
        for (String t : List.of(SpecialTokens.IM_END, SpecialTokens.END_OF_TEXT)) {
            try {
                ids.add(tokenizer.tokenId(t));
            } catch (IllegalArgumentException notSingle) {
                // a tokenizer without ChatML tokens (e.g. a base Llama) stops on its eos only
            }
        }
        if (!ids.contains(configEos)) ids.add(configEos);
        return ids;
    }

    private static ObjectNode generationConfig(CausalLm model, TextTokenizer tokenizer) {
        ObjectNode n = JSON.createObjectNode();
        n.put("bos_token_id", model.config().bosTokenId());
        var eos = n.putArray("eos_token_id");
        stopTokenIds(tokenizer, model.config().eosTokenId()).forEach(eos::add);
        n.put("do_sample", true);
        n.put("temperature", 0.7);
        n.put("top_p", 0.8);
        n.put("top_k", 20);
        n.put("max_new_tokens", 512);
        return n;
    }

    private static ObjectNode tokenizerConfig(int maxLength) {
        ObjectNode n = JSON.createObjectNode();
        n.put("tokenizer_class", "PreTrainedTokenizerFast");
        n.put("chat_template", ChatTemplate.JINJA);
        n.put("eos_token", SpecialTokens.IM_END);
        n.put("pad_token", SpecialTokens.END_OF_TEXT);
        n.putNull("bos_token");
        n.put("model_max_length", maxLength);
        n.put("clean_up_tokenization_spaces", false);
        return n;
    }
}
