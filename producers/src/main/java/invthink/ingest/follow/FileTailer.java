package invthink.ingest.follow;

import invthink.prompt.PromptIds;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the complete lines appended to one followed path, across rotation.
 *
 * <p>Rename-and-recreate: the open channel still reads the old file after its rename, so when the
 * path names a new file the old one is drained to its end (a last line without a newline counts,
 * the writer has moved on) before the new one is read from its start. Copy-truncate: when the
 * file shrinks below the read offset or its first bytes change, the copy (a sibling whose leading
 * bytes match what was read) is drained from the read offset, then the live file is read anew.
 * After a restart the same two cases are recognised from the saved {@link FilePosition}.
 *
 * <p>Two positions are kept: the pending one (after the last line handed out) and the committed
 * one (after the last line the broker acknowledged). {@link #rollback()} returns to the committed
 * one. Not thread-safe: one follower thread owns it.
 */
final class FileTailer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FileTailer.class);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final int maxLineBytes;
    private FilePosition committed;

    private FileChannel channel;
    private Path reading;
    private String fileKey;
    private boolean draining;
    private byte[] buf = new byte[BUFFER_BYTES];
    private int start;
    private int end;
    /** File offset of buf[start]. */
    private long offset;
    /** File offset just past the last line handed out: the pending position. */
    private long lineEnd;
    /** Inside an oversized line: its head is kept in {@link #oversizedHead}, the rest discarded. */
    private byte[] oversizedHead;
    private long oversizedOffset;
    private String fingerprint = "";
    private int fingerprintLength;

    FileTailer(Path path, FilePosition committed, int maxLineBytes) {
        this.path = path;
        this.committed = committed;
        this.maxLineBytes = maxLineBytes;
    }

    Path path() {
        return path;
    }

    /** The identity of the file being read, or of the committed one before the first read. */
    String currentFileKey() {
        return channel != null ? fileKey : committed != null ? committed.fileKey() : null;
    }

    /** Up to {@code max} complete lines; empty when nothing new is there. */
    List<TailLine> read(int max) throws IOException {
        List<TailLine> out = new ArrayList<>();
        if (channel == null && !open()) {
            return out;
        }
        // A copy-truncate may have refilled the file past our offset since the last read: check
        // before reading, or the bytes at our offset would be the middle of some new line.
        if (!draining) {
            truncated();
        }
        while (out.size() < max) {
            TailLine line = nextLine();
            if (line != null) {
                out.add(line);
                continue;
            }
            if (draining) {
                TailLine last = remainder();
                if (last != null) {
                    out.add(last);
                }
                if (!Files.isRegularFile(path)) {
                    break; // renamed and not yet recreated: look again next time
                }
                LOG.info("{}: finished rotated file {}, now reading the new file", path, reading.getFileName());
                openFile(path, 0, false);
                continue;
            }
            if (!rotated()) {
                break;
            }
        }
        return out;
    }

    /** The position after the last line handed out. */
    FilePosition position() throws IOException {
        updateFingerprint();
        return new FilePosition(path.toString(), fileKey == null ? "" : fileKey, lineEnd, fingerprint, fingerprintLength);
    }

    /** The broker has the lines handed out so far: their position is now the committed one. */
    void commit(FilePosition position) {
        committed = position;
    }

    /** Forgets everything since the last commit; the next read resumes from the committed position. */
    void rollback() {
        closeChannel();
    }

    @Override
    public void close() {
        closeChannel();
    }

    // ---- opening and rotation -------------------------------------------------------------

    private boolean open() throws IOException {
        if (committed == null) {
            if (!Files.isRegularFile(path)) {
                return false;
            }
            openFile(path, 0, false);
            return true;
        }
        if (Files.isRegularFile(path) && holds(path, committed, true)) {
            openFile(path, committed.offset(), false);
            return true;
        }
        Path rotated = findRotated(committed);
        if (rotated != null) {
            LOG.info("{}: rotated while stopped; finishing {} from byte {}", path, rotated.getFileName(), committed.offset());
            openFile(rotated, committed.offset(), true);
            return true;
        }
        if (!Files.isRegularFile(path)) {
            return false;
        }
        LOG.warn("{}: the file of the saved position (byte {}) is gone; reading the current file from its start",
                path, committed.offset());
        openFile(path, 0, false);
        return true;
    }

    /** At the end of the live file: has it been renamed away or truncated? Switches files if so. */
    private boolean rotated() throws IOException {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return false; // renamed, not yet recreated: the writer may still append to the old file
        }
        String key = key(now);
        if (!key.equals(fileKey)) {
            LOG.info("{}: renamed and recreated; finishing the old file", path);
            draining = true;
            return true;
        }
        return truncated();
    }

    /** Has the live file been truncated (shrunk, or rewritten from its start)? Switches to its copy if so. */
    private boolean truncated() throws IOException {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!key(now).equals(fileKey)) {
            return false; // a rename, handled at the end of the old file
        }
        updateFingerprint();
        boolean shrank = now.size() < lineEnd;
        boolean rewritten = !shrank && fingerprintLength > 0 && !fingerprint.equals(fingerprint(path, fingerprintLength));
        if (!shrank && !rewritten) {
            return false;
        }
        FilePosition before = new FilePosition(path.toString(), fileKey, lineEnd, fingerprint, fingerprintLength);
        Path copy = findRotated(before);
        if (copy != null) {
            LOG.info("{}: copied and truncated; finishing the copy {} from byte {}", path, copy.getFileName(), lineEnd);
            openFile(copy, lineEnd, true);
        } else {
            LOG.warn("{}: truncated and no copy holds bytes past {}; reading it from its start", path, lineEnd);
            openFile(path, 0, false);
        }
        return true;
    }

    /** Does {@code file} still hold what the position says was read (same file, same leading bytes)? */
    private boolean holds(Path file, FilePosition p, boolean sameKey) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        String key = key(attrs);
        if (sameKey && !p.fileKey().isEmpty() && !key.isEmpty() && !key.equals(p.fileKey())) {
            return false;
        }
        if (attrs.size() < p.offset()) {
            return false;
        }
        return p.fingerprintLength() == 0 || p.fingerprint().equals(fingerprint(file, p.fingerprintLength()));
    }

    /** A sibling that is the file the position was in: same identity, or (a copy) same leading bytes. */
    private Path findRotated(FilePosition p) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        List<Path> siblings;
        try (Stream<Path> s = Files.list(dir)) {
            siblings = s.filter(Files::isRegularFile).filter(f -> !f.equals(path.toAbsolutePath())).sorted().toList();
        }
        for (Path f : siblings) {
            if (!p.fileKey().isEmpty() && p.fileKey().equals(key(Files.readAttributes(f, BasicFileAttributes.class)))
                    && holds(f, p, false)) {
                return f;
            }
        }
        if (p.fingerprintLength() == 0) {
            return null; // nothing read yet: no bytes to recognise a copy by
        }
        for (Path f : siblings) {
            if (holds(f, p, false)) {
                return f;
            }
        }
        return null;
    }

    private void openFile(Path file, long at, boolean drain) throws IOException {
        closeChannel();
        channel = FileChannel.open(file, StandardOpenOption.READ);
        reading = file;
        fileKey = key(Files.readAttributes(file, BasicFileAttributes.class));
        draining = drain;
        start = 0;
        end = 0;
        offset = at;
        lineEnd = at;
        oversizedHead = null;
        fingerprint = "";
        fingerprintLength = 0;
        updateFingerprint();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", reading, e.toString());
            }
            channel = null;
        }
    }

    // ---- lines ----------------------------------------------------------------------------

    private TailLine nextLine() throws IOException {
        while (true) {
            int nl = -1;
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl >= 0) {
                int len = nl - start;
                long lineOffset = offset;
                byte[] bytes = Arrays.copyOfRange(buf, start, len > 0 && buf[nl - 1] == '\r' ? nl - 1 : nl);
                offset += len + 1;
                start = nl + 1;
                lineEnd = offset;
                if (oversizedHead != null) {
                    TailLine line = new TailLine(oversizedHead, name(), oversizedOffset, true);
                    oversizedHead = null;
                    return line;
                }
                if (bytes.length > maxLineBytes) {
                    return new TailLine(Arrays.copyOf(bytes, maxLineBytes), name(), lineOffset, true);
                }
                return new TailLine(bytes, name(), lineOffset, false);
            }
            if (oversizedHead != null) {
                offset += end - start; // the middle of an oversized line: discard
                start = 0;
                end = 0;
            } else if (end - start > maxLineBytes) {
                oversizedHead = Arrays.copyOfRange(buf, start, start + maxLineBytes);
                oversizedOffset = offset;
                offset += end - start;
                start = 0;
                end = 0;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLineBytes + BUFFER_BYTES));
            }
            int n = channel.read(ByteBuffer.wrap(buf, end, buf.length - end), offset + (end - start));
            if (n <= 0) {
                return null;
            }
            end += n;
        }
    }

    /** The unterminated last line of a file the writer has left, if any. */
    private TailLine remainder() {
        if (oversizedHead != null) {
            TailLine line = new TailLine(oversizedHead, name(), oversizedOffset, true);
            offset += end - start;
            lineEnd = offset;
            oversizedHead = null;
            start = end = 0;
            return line;
        }
        if (end > start) {
            long lineOffset = offset;
            byte[] bytes = Arrays.copyOfRange(buf, start, end);
            offset += end - start;
            lineEnd = offset;
            start = end = 0;
            return new TailLine(bytes, name(), lineOffset, false);
        }
        return null;
    }

    private String name() {
        return reading.getFileName().toString();
    }

    // ---- identity -------------------------------------------------------------------------

    private void updateFingerprint() throws IOException {
        int want = (int) Math.min(FilePosition.FINGERPRINT_BYTES, lineEnd);
        if (channel != null && want > fingerprintLength) {
            fingerprint = fingerprint(channel, want);
            fingerprintLength = want;
        }
    }

    private static String fingerprint(Path file, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return fingerprint(ch, length);
        }
    }

    private static String fingerprint(FileChannel ch, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        long pos = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n <= 0) {
                break;
            }
            pos += n;
        }
        if (b.position() < length) {
            return "short:" + b.position();
        }
        return PromptIds.sha256(HexFormat.of().formatHex(b.array()));
    }

    private static String key(BasicFileAttributes attrs) {
        Object k = attrs.fileKey();
        return k == null ? "" : k.toString();
    }
}
