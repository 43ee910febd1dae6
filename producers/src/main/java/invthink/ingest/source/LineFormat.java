package invthink.ingest.source;

/** How to read a line: as JSON, as plain text, or by looking (a line starting with { or [ is JSON). */
public enum LineFormat {
    AUTO, JSONL, TEXT
}
