package invthink.ingest.follow;

/**
 * A line read from a followed file.
 *
 * @param bytes      the line without its terminator; for an oversized line, its first bytes only
 * @param file       the file name it was read from (a rotated name when draining)
 * @param offset     byte offset of its first byte
 * @param oversized  whether the line was longer than the limit (then it is dead-lettered)
 */
public record TailLine(byte[] bytes, String file, long offset, boolean oversized) {

    public String location() {
        return file + "@" + offset;
    }
}
