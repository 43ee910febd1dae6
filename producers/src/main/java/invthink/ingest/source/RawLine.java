package invthink.ingest.source;

/**
 * One line of a file as bytes, without its terminator.
 *
 * @param number     1-based line number within the file read
 * @param offset     byte offset of the line's first byte
 * @param bytes      the line without {@code \n} (and without a trailing {@code \r})
 * @param nextOffset byte offset just past the line's terminator: where reading resumes
 */
public record RawLine(long number, long offset, byte[] bytes, long nextOffset) {
}
