package invthink.ingest.source;

/**
 * Input a source could not turn into a prompt; it becomes a dead letter.
 *
 * @param location where in the source
 * @param raw      the original bytes, unchanged
 * @param code     short reason code (the dead letter's errorClass), e.g. {@code invalid_json}
 * @param reason   a sentence a person can act on
 */
public record Malformed(String location, byte[] raw, String code, String reason) implements SourceItem {

    public static final String INVALID_UTF8 = "invalid_utf8";
    public static final String INVALID_JSON = "invalid_json";
    public static final String MISSING_FIELD = "missing_field";
    public static final String MISSING_COLUMN = "missing_column";
    public static final String INVALID_CSV = "invalid_csv";
    public static final String UNSUPPORTED = "unsupported_record";
}
