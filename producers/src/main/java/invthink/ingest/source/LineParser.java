package invthink.ingest.source;

import invthink.prompt.Candidate;
import invthink.prompt.PromptMetadata;
import java.util.List;
import java.util.Map;

/** Turns one raw line into an item, by the file's {@link LineFormat}. Thread-safe. */
public final class LineParser {

    private final LineFormat format;
    private final JsonRecords json;
    private final String source;

    public LineParser(LineFormat format, FieldMapping mapping, String source) {
        this.format = format;
        this.json = new JsonRecords(mapping, source);
        this.source = source;
    }

    public String source() {
        return source;
    }

    /** The item for a line, or null for a blank line (blank lines separate, they are not input). */
    public SourceItem parse(RawLine line, String location) {
        String text = Utf8.decode(line.bytes());
        if (text == null) {
            return new Malformed(location, line.bytes(), Malformed.INVALID_UTF8, "line is not valid UTF-8");
        }
        if (text.isBlank()) {
            return null;
        }
        String lead = text.stripLeading();
        boolean asJson = format == LineFormat.JSONL || format == LineFormat.AUTO && (lead.startsWith("{") || lead.startsWith("["));
        if (asJson) {
            return json.parse(text, line.bytes(), location);
        }
        return new Submission(new Candidate(text, null, source, null, List.of(),
                Map.of(PromptMetadata.LOCATION, location)), null, location, line.bytes());
    }
}
