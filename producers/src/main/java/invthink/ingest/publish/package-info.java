/**
 * Publishing what sources read: prepare each candidate with the core preparer, send the
 * {@code Prompt} (and a production {@code Response} when a log line carried one) keyed by id,
 * dead-letter everything unusable, skip duplicates seen recently, and count it all for the
 * summary. One producer carries every record type, so a transactional source commits prompts,
 * responses, dead letters and its read position together.
 */
package invthink.ingest.publish;
