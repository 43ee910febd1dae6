package invthink.ingest.source;

import java.util.Map;

/**
 * One CSV record with its header's names.
 *
 * @param fields   column name to value, every header column present
 * @param raw      the record's original bytes (all its lines)
 * @param location file and first line
 */
public record CsvRow(Map<String, String> fields, byte[] raw, String location) {

    /** The value of a column, or null when the column is not in the header. */
    public String get(String column) {
        return column == null ? null : fields.get(column);
    }
}
