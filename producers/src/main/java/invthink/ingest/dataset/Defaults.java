package invthink.ingest.dataset;

import invthink.ingest.source.ItemSource;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Submission;
import invthink.prompt.Candidate;
import invthink.prompt.PromptMetadata;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Fills what a source leaves open with what the user says on the command line: an expected label
 * for a file of prompts known to be harmful, a domain for a file known to be medical.
 */
public final class Defaults implements ItemSource {

    private final ItemSource inner;
    private final String label;
    private final String domain;

    private Defaults(ItemSource inner, String label, String domain) {
        this.inner = inner;
        this.label = label;
        this.domain = domain;
    }

    /** The source itself when both are null. */
    public static ItemSource apply(ItemSource source, String label, String domain) {
        return label == null && domain == null ? source : new Defaults(source, label, domain);
    }

    @Override
    public SourceItem next() throws IOException {
        SourceItem item = inner.next();
        if (!(item instanceof Submission s)) {
            return item;
        }
        Candidate c = s.candidate();
        Map<String, String> metadata = c.metadata();
        if (label != null && !metadata.containsKey(PromptMetadata.LABEL)) {
            metadata = new HashMap<>(metadata);
            metadata.put(PromptMetadata.LABEL, label);
        }
        Candidate filled = new Candidate(c.text(), c.systemPrompt(), c.source(), c.domain() == null ? domain : c.domain(),
                c.hazardHints(), metadata);
        return new Submission(filled, s.reply(), s.location(), s.raw());
    }

    @Override
    public long expectedTotal() {
        return inner.expectedTotal();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
