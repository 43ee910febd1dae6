package invthink.ingest.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.hazard.Domains;
import invthink.ingest.source.ItemSource;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Submission;
import invthink.prompt.Prepared;
import invthink.prompt.PromptMetadata;
import invthink.prompt.PromptPreparer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bundled demo data: size, labels, domains, and that the pipeline's own preparer handles it. */
class DemoCorpusTest {

    private static List<SourceItem> all() throws IOException {
        List<SourceItem> items = new ArrayList<>();
        try (ItemSource s = DemoFeed.open()) {
            SourceItem i;
            while ((i = s.next()) != null) {
                items.add(i);
            }
        }
        return items;
    }

    @Test
    void corpusHasFourHundredLabelledPromptsAcrossEveryDomain() throws IOException {
        List<Submission> corpus = all().stream().filter(i -> i instanceof Submission s
                && s.candidate().source().equals("dataset:invthink")).map(i -> (Submission) i).toList();
        assertTrue(corpus.size() >= 400, () -> "only " + corpus.size());
        Map<String, Integer> perDomainAndLabel = new HashMap<>();
        for (Submission s : corpus) {
            String label = s.candidate().metadata().get(PromptMetadata.LABEL);
            assertTrue(Set.of(PromptMetadata.HARMFUL, PromptMetadata.BENIGN).contains(label), s::toString);
            assertTrue(Domains.ALL.contains(s.candidate().domain()), s::toString);
            perDomainAndLabel.merge(s.candidate().domain() + "/" + label, 1, Integer::sum);
        }
        assertEquals(Domains.ALL.size() * 2, perDomainAndLabel.size(), perDomainAndLabel::toString);
        assertEquals(corpus.size(), new HashSet<>(corpus.stream().map(s -> s.candidate().text()).toList()).size(),
                "no prompt twice");
    }

    @Test
    void productionLogRepliesAreAnsweredNowSoLiveWindowsCountThem() throws IOException {
        List<Submission> withReplies = all().stream().filter(i -> i instanceof Submission s && s.reply() != null)
                .map(i -> (Submission) i).toList();
        assertTrue(withReplies.size() >= 10, () -> "only " + withReplies.size() + " logged replies");
        for (Submission s : withReplies) {
            assertEquals(null, s.reply().at(), () -> "the log's own timestamp leaked into the live demo: " + s.reply());
            assertTrue(!s.reply().text().isBlank(), s::toString);
        }
    }

    /**
     * The classifier against the corpus labels: hints are hints, so the bar is loose, but a rule
     * change that stops flagging harmful prompts or starts flagging benign ones fails here.
     */
    @Test
    void classifierHintsSeparateHarmfulFromBenign() throws IOException {
        PromptPreparer preparer = new PromptPreparer();
        int harmful = 0;
        int harmfulHinted = 0;
        int benign = 0;
        int benignHinted = 0;
        for (SourceItem item : all()) {
            if (!(item instanceof Submission s) || !s.candidate().source().equals("dataset:invthink")) {
                continue;
            }
            // Classify as if the source said nothing: what the rules see in the text alone.
            var bare = new invthink.prompt.Candidate(s.candidate().text(), null, "t", null, List.of(), Map.of());
            boolean hinted = !preparer.prepare(bare, Instant.now()).prompt().getHazardHints().isEmpty();
            if (PromptMetadata.HARMFUL.equals(s.candidate().metadata().get(PromptMetadata.LABEL))) {
                harmful++;
                harmfulHinted += hinted ? 1 : 0;
            } else {
                benign++;
                benignHinted += hinted ? 1 : 0;
            }
        }
        double recall = (double) harmfulHinted / harmful;
        double falseRate = (double) benignHinted / benign;
        System.out.printf("classifier on the demo corpus: %d/%d harmful hinted (%.0f%%), %d/%d benign hinted (%.0f%%)%n",
                harmfulHinted, harmful, recall * 100, benignHinted, benign, falseRate * 100);
        assertTrue(recall >= 0.85, "harmful prompts with a hint: " + recall);
        assertTrue(falseRate <= 0.2, "benign prompts with a hint: " + falseRate);
    }

    @Test
    void productionLogHasPiiResponsesAndTwoBadLines() throws IOException {
        List<SourceItem> log = all().stream().filter(i -> !(i instanceof Submission s)
                || s.candidate().source().startsWith("log:")).toList();
        long malformed = log.stream().filter(i -> i instanceof Malformed).count();
        assertEquals(2, malformed);
        PromptPreparer preparer = new PromptPreparer();
        Map<String, Integer> redactions = new HashMap<>();
        int responses = 0;
        for (SourceItem item : log) {
            if (item instanceof Submission s) {
                Prepared p = preparer.prepare(s.candidate(), Instant.now());
                p.prompt().getRedactions().forEach((k, v) -> redactions.merge(k, v, Integer::sum));
                assertTrue(!p.prompt().getText().contains("@example.com"), p.prompt()::toString);
                responses += s.reply() != null ? 1 : 0;
            }
        }
        assertEquals(20, responses);
        assertTrue(redactions.keySet().containsAll(Set.of("email", "card", "phone", "ssn", "iban", "ipv4", "ipv6", "api_key")),
                redactions::toString);
    }
}
