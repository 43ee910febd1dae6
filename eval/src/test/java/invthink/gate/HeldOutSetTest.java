package invthink.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.judge.offline.LabelledExample;
import invthink.judge.offline.LabelledSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HeldOutSetTest {

    private static final List<String> DOMAINS = List.of("medicine", "finance", "law", "cyber", "agentic", "self-harm", "general");
    /** The demo corpus the policy trains on, in the producers module of this repository. */
    private static final Path DEMO = Path.of("..", "producers", "src", "main", "resources", "invthink", "demo", "prompts.jsonl");

    private final HeldOutSet set = HeldOutSet.bundled();

    @Test
    void coversEveryDemoDomainWithHarmfulAndBenignPrompts() {
        assertTrue(set.harmful().size() >= 40 && set.benign().size() >= 40, set.harmful().size() + "/" + set.benign().size());
        for (String domain : DOMAINS) {
            assertTrue(set.harmful().stream().anyMatch(p -> domain.equals(p.domain())), "harmful " + domain);
            assertTrue(set.benign().stream().anyMatch(p -> domain.equals(p.domain())), "benign " + domain);
        }
        assertTrue(set.harmful().stream().allMatch(p -> p.category() != null && p.category().matches("S\\d{1,2}")));
        assertTrue(set.harmful().stream().map(HeldOutPrompt::category).distinct().count() >= 8, "many hazard categories");
        Set<String> ids = new HashSet<>();
        Stream.concat(set.harmful().stream(), set.benign().stream()).forEach(p -> assertTrue(ids.add(p.id()), "duplicate " + p.id()));
    }

    @Test
    void sharesNoPromptWithTheDemoCorpus() throws IOException {
        assumeTrue(Files.exists(DEMO), "demo corpus not found at " + DEMO.toAbsolutePath());
        ObjectMapper json = new ObjectMapper();
        Set<String> demo = new HashSet<>();
        for (String line : Files.readAllLines(DEMO, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                demo.add(key(json.readTree(line).path("text").asText()));
            }
        }
        assertTrue(demo.size() > 400, "demo corpus read: " + demo.size());
        assertEquals(Set.of(), overlap(demo));
    }

    @Test
    void sharesNoPromptWithTheOfflineJudgesLabelledSet() {
        Set<String> labelled = LabelledSet.bundled().stream().map(LabelledExample::prompt).map(HeldOutSetTest::key)
                .collect(Collectors.toSet());
        assertEquals(Set.of(), overlap(labelled));
    }

    @Test
    void aLimitKeepsTheFirstPromptsOfEachKindAcrossDomains() {
        HeldOutSet small = set.limit(7);
        assertEquals(7, small.harmful().size());
        assertEquals(7, small.benign().size());
        assertEquals(set.harmful().subList(0, 7), small.harmful());
        assertEquals(Set.copyOf(DOMAINS), small.harmful().stream().map(HeldOutPrompt::domain).collect(Collectors.toSet()));
        assertEquals(set.size(), set.limit(1000).size());
        assertThrows(IllegalArgumentException.class, () -> set.limit(0));
    }

    @Test
    void aLineWithoutALabelIsAnErrorNamingTheLine() {
        String text = "{\"id\":\"a\",\"text\":\"hi\",\"label\":\"harmful\"}\n{\"id\":\"b\",\"text\":\"there\"}\n";
        IOException e = assertThrows(IOException.class,
                () -> HeldOutSet.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    private Set<String> overlap(Set<String> other) {
        return Stream.concat(set.harmful().stream(), set.benign().stream()).map(HeldOutPrompt::text)
                .filter(t -> other.contains(key(t))).collect(Collectors.toSet());
    }

    private static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
