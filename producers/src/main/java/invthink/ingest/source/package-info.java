/**
 * Readers that turn bytes into candidate prompts: line-oriented files with byte offsets, JSON
 * chat-log lines, CSV with a column mapping. A reader never throws on bad input: a line it cannot
 * use becomes a {@link invthink.ingest.source.Malformed} item with its location and raw bytes.
 */
package invthink.ingest.source;
