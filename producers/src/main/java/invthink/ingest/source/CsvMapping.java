package invthink.ingest.source;

import invthink.hazard.Domains;
import invthink.prompt.Candidate;
import invthink.prompt.PromptMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The generic CSV row mapping of {@code ingest file}: columns named by a {@link FieldMapping}. */
public final class CsvMapping {

    private CsvMapping() {
    }

    /**
     * A mapper for files with this header.
     *
     * @throws IllegalArgumentException when no text column can be found (the source is unusable)
     */
    public static Function<CsvRow, SourceItem> forHeader(List<String> header, FieldMapping mapping, String source) {
        String textColumn = mapping.text();
        if (textColumn == null) {
            textColumn = FieldMapping.TEXT_FALLBACKS.stream().filter(header::contains).findFirst().orElse(null);
        }
        if (textColumn == null || !header.contains(textColumn)) {
            throw new IllegalArgumentException("no text column " + (mapping.text() == null
                    ? "(looked for " + FieldMapping.TEXT_FALLBACKS + ")" : "'" + mapping.text() + "'") + " in header " + header);
        }
        String text = textColumn;
        return row -> {
            String value = row.get(text);
            if (value == null || value.isBlank()) {
                return new Malformed(row.location(), row.raw(), Malformed.MISSING_FIELD, "empty text column '" + text + "'");
            }
            Map<String, String> metadata = new HashMap<>();
            metadata.put(PromptMetadata.LOCATION, row.location());
            String label = Labels.canonical(row.get(mapping.label()));
            if (label != null) {
                metadata.put(PromptMetadata.LABEL, label);
            }
            JsonRecords.putIfPresent(metadata, PromptMetadata.SOURCE_ID, row.get(mapping.id()));
            JsonRecords.putIfPresent(metadata, PromptMetadata.SOURCE_CATEGORY, row.get(mapping.category()));
            String domain = row.get(mapping.domain());
            return new Submission(new Candidate(value, row.get(mapping.system()), source,
                    Domains.canonical(domain) == null ? null : domain, List.of(), metadata), null, row.location(), row.raw());
        };
    }
}
