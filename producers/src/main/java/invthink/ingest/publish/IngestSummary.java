package invthink.ingest.publish;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What an ingest run did, counted as it happens; safe to update from many threads. */
public final class IngestSummary {

    private final LongAdder published = new LongAdder();
    private final LongAdder responses = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final Map<String, LongAdder> redactions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();

    void published() {
        published.increment();
    }

    void response() {
        responses.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void redacted(Map<String, Integer> counts) {
        counts.forEach((k, v) -> redactions.computeIfAbsent(k, x -> new LongAdder()).add(v));
    }

    void deadLetter(String reason) {
        deadLetters.computeIfAbsent(reason, x -> new LongAdder()).increment();
    }

    public long publishedCount() {
        return published.sum();
    }

    public long responseCount() {
        return responses.sum();
    }

    public long duplicateCount() {
        return duplicates.sum();
    }

    public long deadLetterCount() {
        return deadLetters.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> redactionsByKind() {
        return snapshot(redactions);
    }

    public Map<String, Long> deadLettersByReason() {
        return snapshot(deadLetters);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** One line for people: published, responses, duplicates, redactions by kind, dead letters by reason. */
    public String render() {
        return "published " + publishedCount() + " prompts, " + responseCount() + " responses; "
                + duplicateCount() + " duplicates skipped; redactions " + format(redactionsByKind())
                + "; dead letters " + deadLetterCount() + " " + format(deadLettersByReason());
    }

    private static String format(Map<String, Long> m) {
        return m.isEmpty() ? "none" : m.toString();
    }
}
