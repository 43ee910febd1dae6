package invthink.enrich;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What is finished in one input partition, so results can be written as soon as they are ready,
 * out of offset order, and still exactly once.
 *
 * <p>The committed offset can only move past the oldest unfinished record, so records finished
 * after it would be processed again after a crash. The ledger therefore commits, in the offset
 * metadata of the same transaction that writes the results, the offsets above the committed one
 * that are already done ({@code d1:} + ranges relative to it). A restarted stage reads them back
 * and skips those records. Ranges stay short because unfinished records, the only gaps, are
 * bounded by the in-flight limit.
 */
final class PartitionLedger {

    static final String PREFIX = "d1:";
    /** Kafka's default offset.metadata.max.bytes is 4096; stay well below it. */
    static final int MAX_METADATA_CHARS = 3000;

    private long head;
    private long next;
    private final TreeSet<Long> doneAbove = new TreeSet<>();
    private final TreeMap<Long, Slot> open = new TreeMap<>();

    /** A proposed commit: the offset, its metadata and the done set it implies. */
    record Proposal(long head, String metadata, TreeSet<Long> doneAbove, List<Slot> included) {
    }

    PartitionLedger(long committed, String metadata) {
        this.head = committed;
        this.next = committed;
        doneAbove.addAll(decode(committed, metadata));
    }

    /** Whether a record at this offset was finished and committed before (by us or a predecessor). */
    boolean alreadyDone(long offset) {
        return offset < head || doneAbove.contains(offset);
    }

    void consumed(long offset) {
        next = Math.max(next, offset + 1);
    }

    void track(Slot slot) {
        open.put(slot.offset, slot);
    }

    Collection<Slot> openSlots() {
        return open.values();
    }

    /**
     * The commit that would follow from writing {@code ready} (a subset of this partition's open
     * slots). Drops the highest ready slots when the metadata would grow too large: they wait for
     * a later transaction.
     */
    Proposal propose(List<Slot> ready) {
        List<Slot> included = new ArrayList<>(ready);
        included.sort((a, b) -> Long.compare(a.offset, b.offset));
        while (true) {
            TreeSet<Long> readyOffsets = new TreeSet<>();
            included.forEach(s -> readyOffsets.add(s.offset));
            long newHead = next;
            for (Long offset : open.keySet()) {
                if (!readyOffsets.contains(offset)) {
                    newHead = offset;
                    break;
                }
            }
            TreeSet<Long> done = new TreeSet<>(doneAbove.tailSet(newHead, false));
            done.addAll(readyOffsets.tailSet(newHead, false));
            String metadata = encode(newHead, done);
            if (metadata.length() <= MAX_METADATA_CHARS || included.isEmpty()) {
                return new Proposal(newHead, metadata, done, included);
            }
            included.remove(included.size() - 1);
        }
    }

    void apply(Proposal proposal) {
        for (Slot s : proposal.included()) {
            open.remove(s.offset);
        }
        head = proposal.head();
        doneAbove.clear();
        doneAbove.addAll(proposal.doneAbove());
    }

    long head() {
        return head;
    }

    static String encode(long head, NavigableSet<Long> done) {
        if (done.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(PREFIX);
        Long start = null;
        long prev = 0;
        for (long o : done) {
            if (start != null && o == prev + 1) {
                prev = o;
                continue;
            }
            if (start != null) {
                range(out, head, start, prev);
            }
            start = o;
            prev = o;
        }
        range(out, head, start, prev);
        return out.toString();
    }

    private static void range(StringBuilder out, long head, long from, long to) {
        if (out.length() > PREFIX.length()) {
            out.append(',');
        }
        out.append(Long.toString(from - head, 36));
        if (to > from) {
            out.append('-').append(Long.toString(to - head, 36));
        }
    }

    static List<Long> decode(long head, String metadata) {
        List<Long> offsets = new ArrayList<>();
        if (metadata == null || !metadata.startsWith(PREFIX) || metadata.length() == PREFIX.length()) {
            return offsets;
        }
        for (String range : metadata.substring(PREFIX.length()).split(",")) {
            int dash = range.indexOf('-');
            long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash), 36);
            long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1), 36);
            for (long o = from; o <= to; o++) {
                offsets.add(head + o);
            }
        }
        return offsets;
    }
}
