package invthink.dashboard.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The numbered stream of updates, with the most recent {@code capacity} kept for replay.
 *
 * <p>Event ids are {@code <boot>-<seq>}: the boot part changes when the server restarts, so a
 * browser holding an id from an earlier server life is told to reload rather than silently
 * resuming at the wrong place. Publishing never blocks: a subscriber whose queue is full is
 * evicted and may reconnect with its last id, replaying from the buffer.
 */
public final class EventLog {

    private final String boot;
    private final int capacity;
    private final ArrayDeque<LiveEvent> recent;
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();
    private long lastSeq;
    private long evictions;

    /** What a new subscriber must see before live events: the missed ones, or a reset when they are gone. */
    public record Replay(List<LiveEvent> backlog, boolean reset) {
    }

    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 4096));
        this.boot = Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    }

    public synchronized LiveEvent append(String type, String data) {
        LiveEvent event = LiveEvent.of(boot, ++lastSeq, type, data);
        recent.addLast(event);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        List<Subscriber> fallenBehind = null;
        for (Subscriber s : subscribers) {
            if (!s.offer(event)) {
                fallenBehind = fallenBehind == null ? new ArrayList<>() : fallenBehind;
                fallenBehind.add(s);
            }
        }
        if (fallenBehind != null) {
            for (Subscriber s : fallenBehind) {
                subscribers.remove(s);
                evictions++;
                s.evict("fell behind at event " + idOf(event));
            }
        }
        return event;
    }

    /** The id of the latest event, for a snapshot to say where live updates continue. */
    public synchronized String lastEventId() {
        return boot + "-" + lastSeq;
    }

    public String idOf(LiveEvent event) {
        return boot + "-" + event.seq();
    }

    /** The sequence number in an id of this server life, or -1 for a foreign or malformed id. */
    public long seqOf(String eventId) {
        if (eventId == null) {
            return -1;
        }
        int dash = eventId.lastIndexOf('-');
        if (dash <= 0 || !eventId.substring(0, dash).equals(boot)) {
            return -1;
        }
        try {
            return Long.parseLong(eventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Registers a subscriber and returns, atomically with it, what it missed after
     * {@code lastEventId} (null: nothing, live from now on). A reset replaces the backlog when the
     * id is from another server life or older than the buffer.
     */
    public synchronized Replay subscribe(String lastEventId, Subscriber subscriber) {
        subscribers.add(subscriber);
        if (lastEventId == null || lastEventId.isBlank()) {
            return new Replay(List.of(), false);
        }
        long after = seqOf(lastEventId.trim());
        long oldest = recent.isEmpty() ? lastSeq + 1 : recent.peekFirst().seq();
        if (after < 0 || after > lastSeq || after < oldest - 1) {
            return new Replay(List.of(), true);
        }
        List<LiveEvent> backlog = new ArrayList<>((int) (lastSeq - after));
        for (LiveEvent e : recent) {
            if (e.seq() > after) {
                backlog.add(e);
            }
        }
        return new Replay(backlog, false);
    }

    public synchronized void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public synchronized int subscriberCount() {
        return subscribers.size();
    }

    /** Subscribers dropped so far because they fell behind. */
    public synchronized long evictions() {
        return evictions;
    }
}
