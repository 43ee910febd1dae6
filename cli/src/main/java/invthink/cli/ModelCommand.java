package invthink.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import invthink.chat.ChatTemplate;
import invthink.checkpoint.ModelDirectory;
import invthink.model.AttentionMask;
import invthink.model.CausalLm;
import invthink.model.Devices;
import invthink.model.GradMode;
import invthink.model.ModelConfig;
import invthink.tokenizer.BpeTrainer;
import invthink.tokenizer.BpeVocabulary;
import invthink.tokenizer.SpecialTokens;
import invthink.tokenizer.TextTokenizer;
import invthink.tokenizer.TokenizerJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code invthink model}: create, inspect and tokenize for checkpoints. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Create and inspect Hugging Face-format checkpoints of the policy model.",
        subcommands = {ModelCommand.Init.class, ModelCommand.Logits.class, ModelCommand.Tokenizer.class})
final class ModelCommand implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Learns a byte-level BPE from text files (one document per file, or per line with --lines). */
    static BpeVocabulary learn(List<Path> corpus, int vocabSize) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path p : corpus) texts.add(Files.readString(p));
        return new BpeTrainer(vocabSize, 2, SpecialTokens.all()).train(texts);
    }

    @Command(name = "tokenizer", mixinStandardHelpOptions = true,
            description = "Learn a byte-level BPE tokenizer (ChatML and InvThink special tokens included) from text files.")
    static final class Tokenizer implements Callable<Integer> {
        @Option(names = "--corpus", required = true, split = ",", paramLabel = "FILE", description = "Text files to learn from.")
        List<Path> corpus;

        @Option(names = "--vocab-size", defaultValue = "4096", description = "Target vocabulary size, special tokens included (default: ${DEFAULT-VALUE}).")
        int vocabSize;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "tokenizer.json to write.")
        Path out;

        @Override
        public Integer call() throws IOException {
            BpeVocabulary v = learn(corpus, vocabSize);
            TokenizerJson.write(v, out);
            LOG.info("wrote {}: {} tokens ({} merges, {} special)", out, v.size(), v.merges().size(), v.specialTokens().size());
            return 0;
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Write a randomly initialised checkpoint (config.json, model.safetensors, tokenizer.json, ...).",
                "Named configs: tiny, small (the embedded default's policy), qwen2.5-0.5b; or a config.json path."})
    static final class Init implements Callable<Integer> {
        @Option(names = "--config", defaultValue = ModelConfig.SMALL, paramLabel = "NAME|config.json",
                description = "Named config or a Hugging Face config.json (default: ${DEFAULT-VALUE}).")
        String config;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Checkpoint directory to write.")
        Path out;

        @Option(names = "--tokenizer", paramLabel = "FILE|DIR", description = "tokenizer.json to use (e.g. Qwen's).")
        Path tokenizer;

        @Option(names = "--corpus", split = ",", paramLabel = "FILE",
                description = "Learn a BPE tokenizer from these text files instead (without either: bytes and special tokens only).")
        List<Path> corpus;

        @Option(names = "--vocab-size", defaultValue = "4096", description = "BPE vocabulary size with --corpus (default: ${DEFAULT-VALUE}).")
        int vocabSize;

        @Option(names = "--seed", defaultValue = "42", description = "Initialisation seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(out);
            Path tokFile;
            if (tokenizer != null) {
                tokFile = Files.isDirectory(tokenizer) ? tokenizer.resolve(TextTokenizer.FILE_NAME) : tokenizer;
            } else {
                BpeVocabulary v = corpus == null || corpus.isEmpty()
                        ? new BpeTrainer(256 + SpecialTokens.all().size(), 2, SpecialTokens.all()).train(List.of())
                        : learn(corpus, vocabSize);
                if (corpus == null || corpus.isEmpty()) {
                    LOG.warn("no --tokenizer or --corpus: byte-level tokenizer without merges ({} tokens)", v.size());
                }
                tokFile = out.resolve(".tokenizer-source").resolve(TextTokenizer.FILE_NAME);
                TokenizerJson.write(v, tokFile);
            }
            try {
                writeRandom(config, tokFile, out, seed);
            } finally {
                Path source = out.resolve(".tokenizer-source");
                if (Files.exists(source)) deleteTree(source);
            }
            return 0;
        }
    }

    /** Writes a randomly initialised checkpoint of {@code config} with the tokenizer at {@code tokFile} into {@code out}. */
    static void writeRandom(String config, Path tokFile, Path out, long seed) throws IOException {
        try (TextTokenizer tok = TextTokenizer.load(tokFile)) {
            ModelConfig c = resolveConfig(config, tok);
            try (CausalLm model = CausalLm.random(c, ai.djl.Device.cpu(), seed)) {
                ModelDirectory.write(out, model, tok);
            }
            LOG.info("wrote {}: {} ({} parameters, vocab {})", out, config, String.format(Locale.ROOT, "%,d", c.parameterCount()), c.vocabSize());
        }
    }

    /**
     * The embedded default's policy: the small config with a BPE tokenizer learned from {@code texts},
     * written to {@code out} unless a checkpoint is already there.
     */
    static Path ensureBasePolicy(Path out, List<String> texts, int vocabSize) throws IOException {
        if (Files.exists(out.resolve("config.json"))) {
            return out;
        }
        Files.createDirectories(out);
        Path tokFile = out.resolve(".tokenizer-source").resolve(TextTokenizer.FILE_NAME);
        try {
            TokenizerJson.write(new BpeTrainer(vocabSize, 2, SpecialTokens.all()).train(texts), tokFile);
            writeRandom(ModelConfig.SMALL, tokFile, out, 42);
        } finally {
            deleteTree(out.resolve(".tokenizer-source"));
        }
        return out;
    }

    static ModelConfig resolveConfig(String config, TextTokenizer tok) {
        int size = tok.vocabularySize();
        int eos = idOr(tok, SpecialTokens.IM_END, idOr(tok, SpecialTokens.END_OF_TEXT, 0));
        int bos = idOr(tok, SpecialTokens.END_OF_TEXT, 0);
        Path file = Path.of(config);
        if (Files.isRegularFile(file) || Files.isDirectory(file)) {
            ModelConfig c = ModelConfig.read(file);
            if (c.vocabSize() < size) {
                throw new IllegalArgumentException(config + " has vocab_size " + c.vocabSize() + " < tokenizer's " + size);
            }
            return c;
        }
        int vocab = config.equalsIgnoreCase(ModelConfig.QWEN25_05B) ? Math.max(151936, size) : size;
        return ModelConfig.named(config, vocab).withTokens(vocab, bos, eos);
    }

    private static int idOr(TextTokenizer tok, String token, int fallback) {
        try {
            return tok.tokenId(token);
        } catch (IllegalArgumentException absent) {
            return fallback;
        }
    }

    @Command(name = "logits", mixinStandardHelpOptions = true,
            description = "Token ids of a text and the logits at its last position, to check numerics against other implementations.")
    static final class Logits implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "Checkpoint directory.")
        Path model;

        @Option(names = "--text", required = true, description = "Input text (tokenized as is).")
        String text;

        @Option(names = "--chat", description = "Wrap the text as a user message in the chat template first.")
        boolean chat;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--top", defaultValue = "10", description = "Top logits listed without --json (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--json", description = "Print {\"ids\": [...], \"logits\": [...]} with every logit of the last position.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            GradMode.disable();
            try (TextTokenizer tok = TextTokenizer.load(model);
                 CausalLm lm = CausalLm.load(model, Devices.resolve(device))) {
                int[] ids = tok.encode(chat ? ChatTemplate.prompt(null, text) : text);
                if (ids.length == 0) throw new IllegalArgumentException("the text has no tokens");
                float[] logits;
                try (NDScope ignored = new NDScope()) {
                    long[] in = IntStream.of(ids).asLongStream().toArray();
                    long[] pos = IntStream.range(0, ids.length).asLongStream().toArray();
                    NDArray out = lm.forward(lm.manager().create(in, new Shape(1, ids.length)),
                            lm.manager().create(pos, new Shape(1, ids.length)),
                            AttentionMask.packed(lm.manager(), new int[][] {new int[ids.length]}), null);
                    logits = out.get(new NDIndex("0, " + (ids.length - 1) + ", :")).toFloatArray();
                }
                PrintWriter w = spec.commandLine().getOut();
                if (json) {
                    ObjectMapper m = new ObjectMapper();
                    ObjectNode n = m.createObjectNode();
                    var idArray = n.putArray("ids");
                    for (int id : ids) idArray.add(id);
                    var l = n.putArray("logits");
                    for (float f : logits) l.add(f);
                    w.println(m.writeValueAsString(n));
                } else {
                    w.println("ids: " + java.util.Arrays.toString(ids));
                    IntStream.range(0, logits.length).boxed()
                            .sorted(Comparator.comparingDouble(i -> -logits[i])).limit(top)
                            .forEach(i -> w.printf(Locale.ROOT, "%8d %12.5f %s%n", i, logits[i], tok.decode(new int[] {i}, false)));
                }
                w.flush();
            }
            return 0;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
