package invthink.ingest.follow;

import invthink.ingest.publish.IngestProducers;
import invthink.ingest.publish.IngestPublisher;
import invthink.ingest.publish.IngestSummary;
import invthink.ingest.publish.RecentIds;
import invthink.ingest.source.LineParser;
import invthink.ingest.source.Malformed;
import invthink.ingest.source.SourceItem;
import invthink.prompt.PromptPreparer;
import invthink.topic.TopicCreator;
import invthink.topic.Topics;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows production logs into Kafka, exactly once (see the package description): each
 * {@link #pollOnce()} reads what is new in every followed file and publishes it, with the new
 * read positions, in one transaction. {@link #start()} runs that in a loop on its own thread.
 */
public final class LogFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);
    private static final String TRANSACTIONAL_PREFIX = "invthink-ingest-follow-";
    private static final long MAX_BACKOFF_NANOS = 10_000_000_000L;

    private final FollowSettings settings;
    private final KafkaProducer<byte[], Object> producer;
    private final IngestPublisher publisher;
    private final String positionTopic;
    private final Map<String, FilePosition> saved;
    private final Map<Path, FileTailer> tailers = new LinkedHashMap<>();
    private final LineParser parser;
    private final PathMatcher matcher;
    private volatile boolean running;
    private volatile Exception fatal;
    private Thread thread;

    /**
     * Fences any earlier follower with the same id (aborting what it left uncommitted), then loads
     * the committed positions. Creates the positions topic if it is missing.
     */
    public LogFollower(FollowSettings settings, Map<String, Object> kafkaConfig, Topics topics, PromptPreparer preparer,
                       IngestSummary summary) {
        this.settings = settings;
        this.positionTopic = PositionTopic.name(topics.prefix());
        try (Admin admin = Admin.create(kafkaConfig)) {
            TopicCreator.ensure(admin, List.of(PositionTopic.spec(topics.prefix())));
        }
        this.producer = IngestProducers.create(kafkaConfig, "invthink-follow-" + settings.followerId(),
                TRANSACTIONAL_PREFIX + settings.followerId());
        try {
            producer.initTransactions();
            this.saved = PositionTopic.load(kafkaConfig, positionTopic, settings.followerId());
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
        this.publisher = new IngestPublisher(producer, topics, preparer, new RecentIds(100_000), summary);
        this.parser = new LineParser(settings.format(), settings.mapping(), "log:" + settings.path());
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + settings.glob());
        LOG.info("following {} as '{}' ({} saved positions)", settings.path(), settings.followerId(), saved.size());
    }

    public IngestSummary summary() {
        return publisher.summary();
    }

    /** Starts following on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "invthink-follow-" + settings.followerId());
        thread.setDaemon(true);
        thread.start();
    }

    /** The error that stopped the loop (another follower took over, say), or null. */
    public Exception failure() {
        return fatal;
    }

    private void loop() {
        long backoff = settings.pollInterval().toNanos();
        while (running) {
            try {
                int n = pollOnce();
                backoff = settings.pollInterval().toNanos();
                if (n == 0) {
                    LockSupport.parkNanos(settings.pollInterval().toNanos());
                }
            } catch (FencedException e) {
                fatal = e;
                LOG.error("stopped following {}: {}", settings.path(), e.getMessage());
                running = false;
            } catch (Exception e) {
                LOG.warn("following {}: {} (retrying)", settings.path(), e.toString());
                LockSupport.parkNanos(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            }
        }
    }

    /**
     * Reads what is new and publishes it with the new positions in one transaction.
     *
     * @return the number of lines published (0 when nothing was new)
     * @throws FencedException when another follower with the same id has taken over
     */
    public int pollOnce() throws IOException {
        return poll(true);
    }

    /**
     * One poll; with {@code commit} false the transaction is left open, as a process killed
     * between send and commit would leave it. For crash tests only.
     */
    int poll(boolean commit) throws IOException {
        discover();
        List<SourceItem> items = new ArrayList<>();
        Map<FileTailer, FilePosition> moved = new LinkedHashMap<>();
        int budget = settings.maxBatch();
        for (FileTailer t : tailers.values()) {
            if (budget <= 0) {
                break;
            }
            FilePosition before = t.position();
            List<TailLine> lines = t.read(budget);
            budget -= lines.size();
            for (TailLine line : lines) {
                SourceItem item = line.oversized()
                        ? new Malformed(line.location(), line.bytes(), "oversized_line", "line longer than "
                        + settings.maxLineBytes() + " bytes; its first " + line.bytes().length + " bytes are kept")
                        : parser.parse(new invthink.ingest.source.RawLine(0, line.offset(), line.bytes(), 0), line.location());
                if (item != null) {
                    items.add(item);
                }
            }
            FilePosition after = t.position();
            if (!lines.isEmpty() || !Objects.equals(before, after)) {
                moved.put(t, after);
            }
        }
        if (moved.isEmpty()) {
            return 0;
        }
        try {
            producer.beginTransaction();
            for (SourceItem item : items) {
                publisher.publish(item, parser.source());
            }
            for (Map.Entry<FileTailer, FilePosition> e : moved.entrySet()) {
                producer.send(new ProducerRecord<>(positionTopic,
                        PositionTopic.key(settings.followerId(), e.getKey().path().toString()), e.getValue().toJson()));
            }
            if (!commit) {
                producer.flush();
                return items.size();
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
                 | AuthorizationException e) {
            throw new FencedException("another follower with id '" + settings.followerId() + "' took over: " + e.getMessage(), e);
        } catch (KafkaException e) {
            abort();
            throw e;
        } catch (RuntimeException e) {
            // A serializer or registry failure: nothing of this batch may count as published.
            abort();
            throw e;
        }
        moved.forEach(FileTailer::commit);
        return items.size();
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("abort failed: {}", e.toString());
        }
        tailers.values().forEach(FileTailer::rollback);
        // The aborted batch's ids were marked as seen; forget them so the retry publishes them.
        publisher.recent().clear();
    }

    /** Adds a tailer for each followed file not yet known (all matching files in a directory). */
    private void discover() throws IOException {
        Path root = settings.path();
        if (!Files.isDirectory(root)) {
            tailers.computeIfAbsent(root, p -> new FileTailer(p, saved.get(p.toString()), settings.maxLineBytes()));
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        }
        for (Path f : files) {
            if (tailers.containsKey(f)) {
                continue;
            }
            String key = fileKey(f);
            // A file renamed to another matching name is one we are already reading: not a new log.
            boolean known = !key.isEmpty() && tailers.values().stream().anyMatch(t -> key.equals(t.currentFileKey()));
            if (!known) {
                tailers.put(f, new FileTailer(f, saved.get(f.toString()), settings.maxLineBytes()));
            }
        }
    }

    private static String fileKey(Path f) {
        try {
            Object k = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return k == null ? "" : k.toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the loop, waits for the current poll to finish, closes files and the producer. */
    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tailers.values().forEach(FileTailer::close);
        producer.close();
        LOG.info("stopped following {}: {}", settings.path(), publisher.summary().render());
    }

    /** Another follower with the same id has fenced this one: it must stop. */
    public static final class FencedException extends IllegalStateException {
        FencedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
