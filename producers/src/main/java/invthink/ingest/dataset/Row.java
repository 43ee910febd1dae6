package invthink.ingest.dataset;

import invthink.ingest.source.Malformed;
import invthink.ingest.source.SourceItem;
import invthink.ingest.source.Submission;
import invthink.prompt.Candidate;
import invthink.prompt.PromptMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds one dataset row's submission: text, domain, hints and the dataset's own labels. */
final class Row {

    private final String dataset;
    private final String source;
    private final String location;
    private final byte[] raw;
    private final Map<String, String> metadata = new HashMap<>();
    private String domain;
    private List<String> hints = List.of();
    private String system;

    Row(String dataset, String source, String location, byte[] raw) {
        this.dataset = dataset;
        this.source = source;
        this.location = location;
        this.raw = raw;
        metadata.put(PromptMetadata.DATASET, dataset);
        metadata.put(PromptMetadata.LOCATION, location);
    }

    String location() {
        return location;
    }

    Row put(String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, value);
        }
        return this;
    }

    Row label(String label) {
        return put(PromptMetadata.LABEL, label);
    }

    Row domain(String d) {
        this.domain = d;
        return this;
    }

    Row hints(List<String> h) {
        this.hints = h;
        return this;
    }

    Row system(String s) {
        this.system = s;
        return this;
    }

    /** The submission, or a dead letter when the text is missing. */
    SourceItem text(String text, String field) {
        if (text == null || text.isBlank()) {
            return new Malformed(location, raw, Malformed.MISSING_FIELD, dataset + " row has no '" + field + "'");
        }
        return new Submission(new Candidate(text, system, source, domain, hints, metadata), null, location, raw);
    }
}
