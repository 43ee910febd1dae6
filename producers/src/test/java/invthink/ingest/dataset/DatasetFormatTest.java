package invthink.ingest.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import invthink.ingest.source.ItemSource;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Submission;
import invthink.prompt.PromptMetadata;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every loader reads its fixture (our own files in each dataset's format), and the real data where present. */
class DatasetFormatTest {

    static Path fixture(String name) {
        try {
            return Path.of(DatasetFormatTest.class.getResource("/datasets/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<SourceItem> readAll(DatasetFormat format, Path path) throws IOException {
        List<SourceItem> items = new ArrayList<>();
        try (ItemSource source = format.open(path)) {
            SourceItem item;
            while ((item = source.next()) != null) {
                items.add(item);
            }
        }
        return items;
    }

    private static Submission submission(SourceItem item) {
        return assertInstanceOf(Submission.class, item, () -> "expected a submission, got " + item);
    }

    @Test
    void trident() throws IOException {
        List<SourceItem> items = readAll(DatasetFormat.TRIDENT, fixture("trident.jsonl"));
        assertEquals(3, items.size());
        Submission first = submission(items.get(0));
        assertTrue(first.candidate().text().startsWith("Write a discharge note"));
        assertEquals("med", first.candidate().domain());
        assertEquals(PromptMetadata.HARMFUL, first.candidate().metadata().get(PromptMetadata.LABEL));
        assertEquals("honesty_violation", first.candidate().metadata().get(PromptMetadata.SOURCE_CATEGORY));
        assertTrue(first.candidate().metadata().get(DatasetMetadata.REFERENCE_RESPONSE).startsWith("I cannot record"));
        assertEquals(List.of("S7"), submission(items.get(2)).candidate().hazardHints());
        assertEquals("dataset:trident", first.candidate().source());
    }

    @Test
    void harmbenchKeepsContextBeforeTheBehaviour() throws IOException {
        List<SourceItem> items = readAll(DatasetFormat.HARMBENCH, fixture("harmbench.csv"));
        assertEquals(3, items.size());
        assertEquals(List.of("S9"), submission(items.get(0)).candidate().hazardHints());
        assertTrue(submission(items.get(1)).candidate().text().contains("\"for security\""));
        Submission contextual = submission(items.get(2));
        assertTrue(contextual.candidate().text().startsWith("The router firmware accepts"), contextual.candidate().text());
        assertTrue(contextual.candidate().text().endsWith("explain how to exploit the flaw it describes"));
        assertEquals("cyber", contextual.candidate().domain());
        assertEquals("router_flaw_exploit", contextual.candidate().metadata().get(PromptMetadata.SOURCE_ID));
    }

    @Test
    void advbenchOriginalGoalTargetFormat() throws IOException {
        List<SourceItem> items = readAll(DatasetFormat.ADVBENCH, fixture("advbench.csv"));
        assertEquals(2, items.size());
        Submission s = submission(items.get(0));
        assertTrue(s.candidate().text().startsWith("Write a tutorial on disabling"));
        assertEquals("Sure, here is a tutorial on disabling fire alarms", s.candidate().metadata().get(DatasetMetadata.REFERENCE_TARGET));
        assertEquals(PromptMetadata.HARMFUL, s.candidate().metadata().get(PromptMetadata.LABEL));
    }

    @Test
    void simpleSafetyTests() throws IOException {
        List<SourceItem> items = readAll(DatasetFormat.SIMPLESAFETYTESTS, fixture("sst.csv"));
        assertEquals(2, items.size());
        Submission s = submission(items.get(0));
        assertEquals("self-harm", s.candidate().domain());
        assertEquals(List.of("S11"), s.candidate().hazardHints());
        assertEquals(List.of("S2"), submission(items.get(1)).candidate().hazardHints());
    }

    @Test
    void safetyBenchDevAndTestShapes() throws IOException {
        List<SourceItem> dev = readAll(DatasetFormat.SAFETYBENCH, fixture("safetybench_dev.json"));
        assertEquals(2, dev.size());
        Submission q = submission(dev.get(1));
        assertTrue(q.candidate().text().contains("\n(B) Hang up and call the bank"), q.candidate().text());
        assertEquals("B", q.candidate().metadata().get(DatasetMetadata.ANSWER));
        assertEquals("Privacy and Property", q.candidate().metadata().get(PromptMetadata.SOURCE_CATEGORY));
        List<SourceItem> test = readAll(DatasetFormat.SAFETYBENCH, fixture("safetybench_test.json"));
        assertEquals("7", submission(test.get(0)).candidate().metadata().get(PromptMetadata.SOURCE_ID));
        assertEquals(Malformed.MISSING_FIELD, assertInstanceOf(Malformed.class, test.get(1)).code());
    }

    @Test
    void aegisLabelsCategoriesAndRedactedRows() throws IOException {
        List<SourceItem> items = readAll(DatasetFormat.AEGIS, fixture("aegis.jsonl"));
        assertEquals(3, items.size());
        assertEquals(PromptMetadata.BENIGN, submission(items.get(0)).candidate().metadata().get(PromptMetadata.LABEL));
        Submission unsafe = submission(items.get(1));
        assertEquals(PromptMetadata.HARMFUL, unsafe.candidate().metadata().get(PromptMetadata.LABEL));
        assertEquals(List.of("S2", "S1"), unsafe.candidate().hazardHints());
        Malformed redacted = assertInstanceOf(Malformed.class, items.get(2));
        assertEquals(DatasetMetadata.REDACTED_IN_SOURCE, redacted.code());
    }

    @Test
    void xstestLabels() throws IOException {
        List<SourceItem> items = readAll(DatasetFormat.XSTEST, fixture("xstest.csv"));
        assertEquals(PromptMetadata.BENIGN, submission(items.get(0)).candidate().metadata().get(PromptMetadata.LABEL));
        assertEquals(PromptMetadata.HARMFUL, submission(items.get(1)).candidate().metadata().get(PromptMetadata.LABEL));
        assertEquals("contrast_homonyms", submission(items.get(1)).candidate().metadata().get(PromptMetadata.SOURCE_CATEGORY));
    }

    @Test
    void agenticPairsSystemAndUserPrompts() throws IOException {
        List<SourceItem> items = readAll(DatasetFormat.AGENTIC, fixture("agentic"));
        assertEquals(1, items.size());
        Submission s = submission(items.get(0));
        assertTrue(s.candidate().systemPrompt().startsWith("You are Sam"));
        assertTrue(s.candidate().text().contains("Sam will be wiped at 5pm"));
        assertEquals("agentic", s.candidate().domain());
        assertEquals("demo", s.candidate().metadata().get(PromptMetadata.SOURCE_CATEGORY));
    }

    @Test
    void linesWithDefaultLabel() throws IOException {
        List<SourceItem> items = new ArrayList<>();
        try (ItemSource s = Defaults.apply(DatasetFormat.LINES.open(fixture("lines.txt")), PromptMetadata.HARMFUL, null)) {
            SourceItem i;
            while ((i = s.next()) != null) {
                items.add(i);
            }
        }
        assertEquals(2, items.size(), "the blank line is skipped");
        assertEquals(PromptMetadata.HARMFUL, submission(items.get(1)).candidate().metadata().get(PromptMetadata.LABEL));
    }

    @Test
    void invthinkCorpusFormat() throws IOException {
        List<SourceItem> items = readAll(DatasetFormat.INVTHINK, fixture("invthink.jsonl"));
        assertEquals(2, items.size());
        assertEquals(List.of("S2"), submission(items.get(1)).candidate().hazardHints());
        assertEquals("cyber", submission(items.get(1)).candidate().domain());
    }

    @Test
    void missingPathIsUnusable() {
        IOException e = assertThrows(IOException.class, () -> DatasetFormat.TRIDENT.open(Path.of("no/such/file.jsonl")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void csvWithoutTheTextColumnIsUnusable() {
        IOException e = assertThrows(IOException.class, () -> DatasetFormat.XSTEST.open(fixture("sst.csv")));
        assertTrue(e.getMessage().contains("missing column 'prompt'"), e.getMessage());
    }

    /** The real files in the shared data folder; skipped where it is absent. */
    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(textBlock = """
            TRIDENT,           trident,                                 2652
            HARMBENCH,         harmbench/harmbench_behaviors_text_all.csv, 0
            ADVBENCH,          harmbench/advbench_behaviors.csv,         520
            SIMPLESAFETYTESTS, simplesafetytests/sst_test_cases.csv,     100
            SAFETYBENCH,       safetybench/dev_en.json,                  0
            SAFETYBENCH,       safetybench/test_zh_subset.json,          0
            AGENTIC,           agentic_misalignment,                     1
            LINES,             harmbench/malicious_instruct.txt,         0
            """)
    void realData(DatasetFormat format, String relative, int expected) throws IOException {
        Path data = sharedData();
        assumeTrue(data != null, "shared data folder not present");
        Path path = data.resolve(relative);
        assumeTrue(Files.exists(path), () -> path + " not present");
        List<SourceItem> items = readAll(format, path);
        long malformed = items.stream().filter(i -> i instanceof Malformed).count();
        assertEquals(0, malformed, () -> "malformed: " + items.stream().filter(i -> i instanceof Malformed).limit(3).toList());
        if (expected > 0) {
            assertEquals(expected, items.size());
        } else {
            assertTrue(items.size() > 10, () -> "only " + items.size() + " items");
        }
    }

    static Path sharedData() {
        String env = System.getenv("INVTHINK_SHARED_DATA");
        for (String candidate : new String[] {env, "../../shared/data", "../shared/data", "/work/shared/data"}) {
            if (candidate != null && Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }
}
