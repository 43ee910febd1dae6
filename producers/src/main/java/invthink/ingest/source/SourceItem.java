package invthink.ingest.source;

/** One unit a source produced: a prompt to publish or an input it could not use. */
public sealed interface SourceItem permits Submission, Malformed {

    /** Where in the source, e.g. {@code chat.jsonl:12} or {@code chat.jsonl@4096}. */
    String location();
}
