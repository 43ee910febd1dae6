package invthink.ingest.source;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines, keeping byte offsets so a reader can resume exactly and a dead
 * letter can say where its bytes were. Bytes are not decoded here: invalid UTF-8 is a property
 * of one line, not a reason to stop reading the file.
 */
public final class LineReader implements Closeable {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long offset;
    private long number;

    public LineReader(InputStream in, long startOffset) {
        this.in = in;
        this.offset = startOffset;
    }

    /** The next line, or null at the end; a last line without a terminator is returned too. */
    public RawLine next() throws IOException {
        ByteArrayOutputStream line = null;
        long start = offset;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line == null) {
                        return null;
                    }
                    return finish(start, line.toByteArray(), offset);
                }
            }
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buffer[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (line == null) {
                line = new ByteArrayOutputStream(128);
            }
            if (nl < 0) {
                line.write(buffer, pos, limit - pos);
                offset += limit - pos;
                pos = limit;
            } else {
                line.write(buffer, pos, nl - pos);
                offset += nl - pos + 1;
                pos = nl + 1;
                return finish(start, line.toByteArray(), offset);
            }
        }
    }

    private RawLine finish(long start, byte[] bytes, long next) {
        number++;
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return new RawLine(number, start, bytes, next);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
