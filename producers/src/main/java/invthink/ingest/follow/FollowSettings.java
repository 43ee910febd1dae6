package invthink.ingest.follow;

import invthink.ingest.source.FieldMapping;
import invthink.ingest.source.LineFormat;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What to follow and how.
 *
 * @param path         a file, or a directory whose files matching {@code glob} are each followed
 * @param glob         file-name pattern inside a directory (e.g. {@code *.jsonl}); ignored for a file
 * @param format       how lines are read
 * @param mapping      field mapping for flat JSON lines
 * @param followerId   names this follower's positions and transactions; two followers of the same
 *                     logs must not share it, a restarted one must reuse it
 * @param maxBatch     lines per transaction at most
 * @param pollInterval how long to wait when there is nothing new
 * @param maxLineBytes longer lines are dead-lettered (their first bytes kept), not read whole
 */
public record FollowSettings(Path path, String glob, LineFormat format, FieldMapping mapping, String followerId,
                             int maxBatch, Duration pollInterval, int maxLineBytes) {

    public static final int DEFAULT_MAX_BATCH = 2000;
    public static final Duration DEFAULT_POLL = Duration.ofMillis(250);
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    public static FollowSettings of(Path path, String followerId) {
        return new FollowSettings(path, "*", LineFormat.AUTO, FieldMapping.defaults(), followerId, DEFAULT_MAX_BATCH,
                DEFAULT_POLL, DEFAULT_MAX_LINE_BYTES);
    }

    public FollowSettings withGlob(String g) {
        return new FollowSettings(path, g, format, mapping, followerId, maxBatch, pollInterval, maxLineBytes);
    }

    public FollowSettings withFormat(LineFormat f) {
        return new FollowSettings(path, glob, f, mapping, followerId, maxBatch, pollInterval, maxLineBytes);
    }

    public FollowSettings withMaxBatch(int n) {
        return new FollowSettings(path, glob, format, mapping, followerId, n, pollInterval, maxLineBytes);
    }

    public FollowSettings withMaxLineBytes(int n) {
        return new FollowSettings(path, glob, format, mapping, followerId, maxBatch, pollInterval, n);
    }

    public FollowSettings withPollInterval(Duration d) {
        return new FollowSettings(path, glob, format, mapping, followerId, maxBatch, d, maxLineBytes);
    }

    public FollowSettings withMapping(FieldMapping m) {
        return new FollowSettings(path, glob, format, m, followerId, maxBatch, pollInterval, maxLineBytes);
    }
}
