package invthink.cli;

import invthink.eval.Benchmark;
import invthink.eval.baseline.Baseline;
import invthink.eval.insider.InsiderEval;
import invthink.eval.overrefusal.OverRefusalEval;
import invthink.eval.run.EvalSettings;
import invthink.eval.safetybench.SafetyBenchEval;
import invthink.eval.safetybench.SafetyBenchFiles;
import invthink.eval.trident.TridentEval;
import invthink.eval.trident.TridentSet;
import invthink.openai.OpenAiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The model under test, the data, and how a benchmark run samples and asks; mixed into every {@code eval <benchmark>}. */
public final class EvalRunOptions {

    private static final Logger LOG = LoggerFactory.getLogger(EvalRunOptions.class);

    @Option(names = "--base-url", defaultValue = "http://localhost:8000/v1",
            description = "OpenAI-compatible base URL of the model under test (invthink serve, vLLM, a hosted API). Default: ${DEFAULT-VALUE}.")
    String baseUrl;

    @Option(names = "--api-key-env", defaultValue = OpenAiConfig.DEFAULT_API_KEY_ENV, paramLabel = "VAR",
            description = "Environment variable holding the endpoint's API key (never logged; unset sends none). Default: ${DEFAULT-VALUE}.")
    String apiKeyEnv;

    @Option(names = "--model", required = true, description = "Model name sent with each request (for invthink serve: the served model name).")
    String model;

    @Option(names = "--baseline", split = ",", defaultValue = "zero-shot,cot,safety-prompt,invthink", paramLabel = "NAME",
            description = "Prompting baselines, comma-separated: zero-shot, cot, safety-prompt, invthink. Default: ${DEFAULT-VALUE}.")
    List<String> baselines;

    @Option(names = "--routes", defaultValue = "3", paramLabel = "K",
            description = "Harm routes the InvThink baseline enumerates before answering. Default: ${DEFAULT-VALUE}.")
    int routes;

    @Option(names = "--shots", defaultValue = "0", description = "SafetyBench examples per question: 0 or 5. Default: ${DEFAULT-VALUE}.")
    int shots;

    @Option(names = "--data", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "Data root holding safetybench/ and trident/ in their published layouts. Default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--safetybench-lang", defaultValue = "en", paramLabel = "en|zh",
            description = "SafetyBench questions: en (test_en.json, else the English dev set) or zh (test_zh*.json). Default: ${DEFAULT-VALUE}.")
    String safetyBenchLanguage;

    @Option(names = "--xstest", paramLabel = "FILE.csv",
            description = "An XSTest-format CSV (id,prompt,type,label,focus,note) instead of the bundled over-refusal set.")
    Path xstest;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Items per benchmark (seeded, spread over categories/domains; insider: trials per scenario); 0 = all. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--seed", defaultValue = "42", description = "Seeds the subset, the request seed and the trials. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--trials", defaultValue = "10", paramLabel = "N",
            description = "Insider-threat trials per scenario and baseline. Default: ${DEFAULT-VALUE}.")
    int trials;

    @Option(names = "--temperature", defaultValue = "0", description = "Sampling temperature of benchmark items. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--trial-temperature", defaultValue = "1.0",
            description = "Sampling temperature of insider-threat trials. Default: ${DEFAULT-VALUE}.")
    double trialTemperature;

    @Option(names = "--max-tokens", defaultValue = "1024", description = "Completion limit per request. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--max-in-flight", defaultValue = "8", description = "Requests outstanding at once. Default: ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Option(names = "--request-timeout", defaultValue = "PT5M", description = "Limit on one request (ISO-8601). Default: ${DEFAULT-VALUE}.")
    Duration requestTimeout;

    @Option(names = "--out", defaultValue = "eval-report", paramLabel = "DIR",
            description = "Folder for report.md, results.csv and the charts. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--publish", description = "Also send one SafetyMetric per benchmark x baseline x group to the metrics topic "
            + "(implied by --bootstrap-servers).")
    boolean publish;

    List<Baseline> baselines() {
        return baselines.stream().map(Baseline::parse).distinct().toList();
    }

    EvalSettings settings() {
        if (shots != 0 && shots != 5) {
            throw new IllegalArgumentException("--shots must be 0 or 5, got " + shots);
        }
        return new EvalSettings(limit, seed, shots, trials, temperature, trialTemperature, maxTokens);
    }

    OpenAiConfig endpoint() {
        return OpenAiConfig.of(baseUrl, model).withApiKeyEnv(apiKeyEnv).withRequestTimeout(requestTimeout);
    }

    /**
     * The named benchmarks. With {@code skipMissing} ({@code eval all}) a benchmark whose data is not
     * under {@code --data} is left out with a warning; asked for by name, it is an error.
     */
    List<Benchmark> benchmarks(List<String> names, boolean skipMissing) {
        List<Benchmark> out = new ArrayList<>();
        for (String name : names) {
            switch (name) {
                case SafetyBenchEval.NAME -> {
                    if (present(SafetyBenchFiles.FOLDER, skipMissing)) {
                        out.add(SafetyBenchEval.from(SafetyBenchFiles.locate(data, safetyBenchLanguage)));
                    }
                }
                case TridentEval.NAME -> {
                    if (present(TridentSet.FOLDER, skipMissing)) {
                        out.add(TridentEval.from(data));
                    }
                }
                case InsiderEval.NAME -> out.add(InsiderEval.bundled());
                case OverRefusalEval.NAME -> out.add(xstest == null ? OverRefusalEval.bundled() : OverRefusalEval.from(xstest));
                default -> throw new IllegalArgumentException("unknown benchmark " + name);
            }
        }
        return out;
    }

    private boolean present(String folder, boolean skipMissing) {
        if (Files.isDirectory(data.resolve(folder)) || Files.isDirectory(data) && data.getFileName() != null
                && data.getFileName().toString().equals(folder)) {
            return true;
        }
        if (skipMissing) {
            LOG.warn("no {}/ under --data {}; skipping that benchmark", folder, data.toAbsolutePath());
            return false;
        }
        throw new IllegalArgumentException("no " + folder + "/ under --data " + data.toAbsolutePath()
                + " (point --data at a folder holding the published " + folder + " files)");
    }
}
