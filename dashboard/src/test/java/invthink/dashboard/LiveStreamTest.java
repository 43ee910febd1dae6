package invthink.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SSE stream: resuming with Last-Event-ID leaves no gap; a client that stops reading is dropped alone. */
class LiveStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static DashboardFixture dash;

    @BeforeAll
    static void start() {
        // A queue larger than one round of events: the fast client never falls behind by a whole queue.
        dash = DashboardFixture.start(s -> s.withLiveStream(20_000, 1024, 8));
    }

    @AfterAll
    static void stop() {
        if (dash != null) {
            dash.close();
        }
    }

    @Test
    void reconnectingWithLastEventIdResumesWithoutGapsOrRepeats() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(200, ChronoUnit.MINUTES);
        String domain = "resume";
        String resumeAfter;
        Set<Long> seenBeforeDisconnect = new TreeSet<>();
        try (SseTestClient watcher = dash.liveFromSnapshot()) {
            try (SseTestClient first = dash.liveFromSnapshot()) {
                publishWindows(t0, domain, 0, 20);
                first.await(e -> isWindow(e, domain, t0, 19), WAIT);
                List<SseTestClient.Event> got = first.received();
                // Pretend the connection broke in the middle of the first batch.
                SseTestClient.Event last = got.get(got.size() / 2);
                resumeAfter = last.id();
                got.stream().filter(e -> e.seq() <= last.seq()).filter(e -> isDomain(e, domain))
                        .forEach(e -> seenBeforeDisconnect.add(e.json().get("windowStart").asLong()));
            }
            publishWindows(t0, domain, 20, 40);
            watcher.await(e -> isWindow(e, domain, t0, 39), WAIT);
        }

        try (SseTestClient resumed = SseTestClient.connect(dash.server.url(), resumeAfter, true)) {
            resumed.await(e -> isWindow(e, domain, t0, 39), WAIT);
            List<SseTestClient.Event> replayed = resumed.received();
            long expected = Long.parseLong(resumeAfter.substring(resumeAfter.lastIndexOf('-') + 1)) + 1;
            for (SseTestClient.Event e : replayed) {
                assertEquals(expected++, e.seq(), "event ids continue one by one after " + resumeAfter);
            }
            Set<Long> all = new TreeSet<>(seenBeforeDisconnect);
            replayed.stream().filter(e -> isDomain(e, domain)).forEach(e -> all.add(e.json().get("windowStart").asLong()));
            Set<Long> published = new TreeSet<>();
            for (int i = 0; i < 40; i++) {
                published.add(t0.plusSeconds(60L * i).toEpochMilli());
            }
            assertEquals(published, all, "every window arrives, before the break or in the replay");
        }
    }

    @Test
    void anUnknownLastEventIdGetsAResetInsteadOfSilentlyMissingEvents() throws Exception {
        try (SseTestClient stale = SseTestClient.connect(dash.server.url(), "someotherboot-12", true)) {
            assertEquals(200, stale.status());
            SseTestClient.Event reset = stale.await("reset", WAIT);
            assertTrue(reset.json().get("eventId").asText().contains("-"));
        }
    }

    @Test
    void aClientThatNeverReadsIsDroppedWhileAFastOneGetsEveryEvent() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(100_000, ChronoUnit.MINUTES);
        String domain = "slow-test";
        URI url = URI.create(dash.server.url());
        long droppedBefore = dash.server.slowClientsDropped();
        try (Socket slow = new Socket(); SseTestClient fast = dash.liveFromSnapshot()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
            OutputStream request = slow.getOutputStream();
            request.write(("GET /events HTTP/1.1\r\nHost: " + url.getHost() + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            // The slow client never reads. Publish until its socket buffers and its queue are full.
            int round = 0;
            for (; round < 80 && dash.server.slowClientsDropped() == droppedBefore; round++) {
                int from = round * 500;
                publishWindows(t0, domain, from, from + 500);
                // The records span partitions, so the round's last window may overtake others: count all 500.
                int[] arrived = {0};
                fast.await(e -> isDomain(e, domain) && ++arrived[0] == 500, WAIT);
            }
            assertTrue(dash.server.slowClientsDropped() > droppedBefore,
                    "the slow client was never dropped after " + round + " rounds");
            List<SseTestClient.Event> got = fast.received();
            long expected = got.get(0).seq();
            for (SseTestClient.Event e : got) {
                assertEquals(expected++, e.seq(), "the fast client missed nothing");
            }
            assertEquals(round * 500L, got.stream().filter(e -> isDomain(e, domain)).count());
        }
    }

    private static void publishWindows(Instant t0, String domain, int from, int to) {
        for (int i = from; i < to; i++) {
            dash.producer.send(new ProducerRecord<>(dash.topics.metrics(), domain + i,
                    Records.metric(t0.plusSeconds(60L * i), null, domain, 100, i % 7, 1.3)));
        }
        dash.producer.flush();
    }

    private static boolean isDomain(SseTestClient.Event e, String domain) {
        return e.type().equals("metric") && domain.equals(e.json().path("domain").asText(null));
    }

    private static boolean isWindow(SseTestClient.Event e, String domain, Instant t0, int i) {
        return isDomain(e, domain) && e.json().get("windowStart").asLong() == t0.plusSeconds(60L * i).toEpochMilli();
    }
}
