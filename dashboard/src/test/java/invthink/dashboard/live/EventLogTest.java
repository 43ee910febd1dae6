package invthink.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {

    /** Records what it is offered, refusing once it holds {@code capacity}. */
    private static final class Recorder implements Subscriber {
        final List<LiveEvent> events = new ArrayList<>();
        final int capacity;
        String evicted;

        Recorder(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean offer(LiveEvent event) {
            return events.size() < capacity && events.add(event);
        }

        @Override
        public void evict(String reason) {
            evicted = reason;
        }
    }

    @Test
    void aSubscriberResumingAfterAnIdGetsExactlyTheEventsAfterIt() {
        EventLog log = new EventLog(100);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(log.idOf(log.append("metric", "{\"i\":" + i + "}")));
        }
        Recorder r = new Recorder(1000);
        EventLog.Replay replay = log.subscribe(ids.get(3), r);
        assertFalse(replay.reset());
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), replay.backlog().stream().map(LiveEvent::seq).toList());
        log.append("metric", "{}");
        assertEquals(11L, r.events.get(0).seq(), "live events continue right after the backlog");
        assertTrue(log.subscribe(log.lastEventId(), new Recorder(1)).backlog().isEmpty());
    }

    @Test
    void anIdFromAnotherServerLifeOrOlderThanTheBufferAsksForAReset() {
        EventLog log = new EventLog(5);
        String first = log.idOf(log.append("metric", "{}"));
        for (int i = 0; i < 10; i++) {
            log.append("metric", "{}");
        }
        assertTrue(log.subscribe(first, new Recorder(10)).reset(), "evicted from the buffer: a gap");
        assertTrue(log.subscribe("otherboot-3", new Recorder(10)).reset(), "another server life");
        assertTrue(log.subscribe("garbage", new Recorder(10)).reset());
        String future = log.lastEventId().replaceAll("-\\d+$", "-999");
        assertTrue(log.subscribe(future, new Recorder(10)).reset(), "ahead of this server");
        String lastKept = log.lastEventId().replaceAll("-\\d+$", "-6");
        EventLog.Replay replay = log.subscribe(lastKept, new Recorder(10));
        assertFalse(replay.reset(), "the oldest kept event's predecessor is still a valid position");
        assertEquals(5, replay.backlog().size());
    }

    @Test
    void aSubscriberThatCannotKeepUpIsEvictedWhileTheOthersGetEverything() {
        EventLog log = new EventLog(100);
        Recorder slow = new Recorder(3);
        Recorder fast = new Recorder(1000);
        log.subscribe(null, slow);
        log.subscribe(null, fast);
        for (int i = 0; i < 20; i++) {
            log.append("metric", "{}");
        }
        assertEquals(20, fast.events.size());
        assertEquals(3, slow.events.size());
        assertTrue(slow.evicted.contains("fell behind"), slow.evicted);
        assertEquals(1, log.evictions());
        assertEquals(1, log.subscriberCount());
    }
}
