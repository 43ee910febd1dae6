package invthink.ingest.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import invthink.ingest.source.CsvFileSource;
import invthink.ingest.source.CsvRow;
import invthink.ingest.source.FieldMapping;
import invthink.ingest.source.ItemSource;
import invthink.ingest.source.Labels;
import invthink.ingest.source.LineFileSource;
import invthink.ingest.source.LineFormat;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.SourceItem;
import invthink.prompt.PromptMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The dataset formats {@code ingest dataset --format} reads. A path may be a file or a directory
 * of files in that format (TRIDENT ships one file per domain).
 */
public enum DatasetFormat {

    /** TRIDENT: {@code {"harmful_prompt", "domain": med|finance|law, "risk_type", "safe_reply", "id"}}. */
    TRIDENT("jsonl") {
        @Override
        ItemSource openFile(Path file) throws IOException {
            return new JsonlDataset(file, "trident", (n, row) -> row
                    .domain(text(n, "domain"))
                    .label(PromptMetadata.HARMFUL)
                    .hints(CategoryHints.hazards(text(n, "risk_type"), false))
                    .put(PromptMetadata.SOURCE_ID, text(n, "id"))
                    .put(PromptMetadata.SOURCE_CATEGORY, text(n, "risk_type"))
                    .put(DatasetMetadata.REFERENCE_RESPONSE, text(n, "safe_reply"))
                    .text(text(n, "harmful_prompt"), "harmful_prompt"));
        }
    },
    /** HarmBench behaviours CSV: Behavior, FunctionalCategory, SemanticCategory, Tags, ContextString, BehaviorID. */
    HARMBENCH("csv") {
        @Override
        ItemSource openFile(Path file) throws IOException {
            return behaviours(file, "harmbench");
        }
    },
    /** AdvBench: the original {@code goal,target} CSV or HarmBench's copy of it ({@code Behavior,...}). */
    ADVBENCH("csv") {
        @Override
        ItemSource openFile(Path file) throws IOException {
            return behaviours(file, "advbench");
        }
    },
    /** SimpleSafetyTests: id, harm_area, counter, category, prompts_final. Every prompt is harmful. */
    SIMPLESAFETYTESTS("csv") {
        @Override
        ItemSource openFile(Path file) throws IOException {
            return csv(file, "simplesafetytests", header -> requireColumns(header, "prompts_final"), row -> new Row(
                    "simplesafetytests", "dataset:simplesafetytests", row.location(), row.raw())
                    .label(PromptMetadata.HARMFUL)
                    .domain(CategoryHints.domain(row.get("harm_area")))
                    .hints(CategoryHints.hazards(row.get("harm_area"), false))
                    .put(PromptMetadata.SOURCE_ID, row.get("id"))
                    .put(PromptMetadata.SOURCE_CATEGORY, row.get("harm_area"))
                    .put(DatasetMetadata.INTENT, row.get("category"))
                    .text(row.get("prompts_final"), "prompts_final"));
        }
    },
    /** SafetyBench multiple choice: {@code {category: [{question, options, answer}]}} or {@code [{id, category, question, options}]}. */
    SAFETYBENCH("json") {
        @Override
        ItemSource openFile(Path file) throws IOException {
            return SafetyBench.read(file);
        }
    },
    /** Aegis-2.0-style jsonl: prompt, response, prompt_label, response_label, violated_categories. */
    AEGIS("jsonl") {
        @Override
        ItemSource openFile(Path file) throws IOException {
            return new JsonlDataset(file, "aegis", (n, row) -> {
                String prompt = text(n, "prompt");
                if ("REDACTED".equals(prompt)) {
                    return new Malformed(row.location(), rawOf(n), DatasetMetadata.REDACTED_IN_SOURCE,
                            "the dataset withholds this prompt (REDACTED)");
                }
                String categories = text(n, "violated_categories");
                return row.label(Labels.canonical(text(n, "prompt_label")))
                        .hints(CategoryHints.hazards(categories, true))
                        .put(PromptMetadata.SOURCE_ID, text(n, "id"))
                        .put(PromptMetadata.SOURCE_CATEGORY, categories)
                        .put(DatasetMetadata.RESPONSE_LABEL, text(n, "response_label"))
                        .text(prompt, "prompt");
            });
        }
    },
    /** XSTest-style CSV: prompt, label (safe/unsafe), type, id, focus, note. */
    XSTEST("csv") {
        @Override
        ItemSource openFile(Path file) throws IOException {
            return csv(file, "xstest", header -> requireColumns(header, "prompt", "label"), row -> new Row(
                    "xstest", "dataset:xstest", row.location(), row.raw())
                    .label(Labels.canonical(row.get("label")))
                    .put(PromptMetadata.SOURCE_ID, row.get("id"))
                    .put(PromptMetadata.SOURCE_CATEGORY, row.get("type"))
                    .text(row.get("prompt"), "prompt"));
        }
    },
    /** agentic-misalignment: {@code *system_prompt*.txt} files, each with its {@code *user_prompt*.txt} (and {@code email_content}). */
    AGENTIC("txt") {
        @Override
        public ItemSource open(Path path) throws IOException {
            return AgenticPrompts.read(path);
        }

        @Override
        ItemSource openFile(Path file) throws IOException {
            return AgenticPrompts.read(file);
        }
    },
    /** One prompt per line (MaliciousInstruct and similar); {@code --label} says what they are. */
    LINES("txt") {
        @Override
        ItemSource openFile(Path file) throws IOException {
            return new LineFileSource(file, LineFormat.TEXT, FieldMapping.defaults(), "dataset");
        }
    },
    /** This project's demo corpus and any jsonl of {@code {id, text, domain, label, category}}. */
    INVTHINK("jsonl") {
        @Override
        ItemSource openFile(Path file) throws IOException {
            return new JsonlDataset(file, "invthink", (n, row) -> row
                    .domain(text(n, "domain"))
                    .label(Labels.canonical(text(n, "label")))
                    .hints(hintList(n.get("hazard_hints")))
                    .put(PromptMetadata.SOURCE_ID, text(n, "id"))
                    .put(PromptMetadata.SOURCE_CATEGORY, text(n, "category"))
                    .text(text(n, "text"), "text"));
        }
    };

    private final String extension;

    DatasetFormat(String extension) {
        this.extension = extension;
    }

    abstract ItemSource openFile(Path file) throws IOException;

    /**
     * Opens a file, or every file with this format's extension in a directory (name order).
     *
     * @throws IOException when the path is missing or unreadable: the source is unusable
     */
    public ItemSource open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> p.getFileName().toString().endsWith("." + extension)).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IOException("no ." + extension + " files in " + path);
            }
            List<Sequence.Opener> parts = new ArrayList<>();
            for (Path f : files) {
                parts.add(() -> openFile(f));
            }
            return new Sequence("dataset:" + name().toLowerCase(), parts);
        }
        if (!Files.isReadable(path)) {
            throw new IOException("cannot read " + path + (Files.exists(path) ? "" : ": no such file"));
        }
        return openFile(path);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    static byte[] rawOf(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> hintList(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(h -> out.add(h.asText()));
        }
        return out;
    }

    private static ItemSource behaviours(Path file, String dataset) throws IOException {
        return csv(file, dataset, header -> {
            String textColumn = header.contains("Behavior") ? "Behavior" : header.contains("goal") ? "goal" : null;
            if (textColumn == null) {
                throw new IllegalArgumentException(file + ": neither a 'Behavior' nor a 'goal' column in " + header);
            }
            return textColumn;
        }, row -> {
            String behaviour = row.get("Behavior") != null ? row.get("Behavior") : row.get("goal");
            String context = row.get("ContextString");
            String category = row.get("SemanticCategory") != null ? row.get("SemanticCategory") : row.get("Category");
            // HarmBench's contextual behaviours put the context first, the request after it, as its own harness does.
            String text = context == null || context.isBlank() || behaviour == null ? behaviour : context + "\n\n---\n\n" + behaviour;
            return new Row(dataset, "dataset:" + dataset, row.location(), row.raw())
                    .label(PromptMetadata.HARMFUL)
                    .domain(CategoryHints.domain(category))
                    .hints(CategoryHints.hazards(category, false))
                    .put(PromptMetadata.SOURCE_ID, row.get("BehaviorID"))
                    .put(PromptMetadata.SOURCE_CATEGORY, category)
                    .put(DatasetMetadata.FUNCTIONAL_CATEGORY, row.get("FunctionalCategory"))
                    .put(DatasetMetadata.REFERENCE_TARGET, row.get("target"))
                    .text(text, row.get("Behavior") != null ? "Behavior" : "goal");
        });
    }

    private static String requireColumns(List<String> header, String... columns) {
        for (String c : columns) {
            if (!header.contains(c)) {
                throw new IllegalArgumentException("missing column '" + c + "' in header " + header);
            }
        }
        return columns[0];
    }

    private static ItemSource csv(Path file, String dataset, Function<List<String>, String> checkHeader,
                                  Function<CsvRow, SourceItem> convert) throws IOException {
        try {
            return new CsvFileSource(file, "dataset:" + dataset, header -> {
                checkHeader.apply(header);
                return convert;
            });
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
