package invthink.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Live-stream connections are capped: one more than the limit is refused, not queued. */
class LiveStreamLimitTest {

    @Test
    void connectionsOverTheLimitAreRefusedWith503() throws Exception {
        try (DashboardFixture dash = DashboardFixture.start(s -> s.withLiveStream(100, 100, 2));
             SseTestClient first = SseTestClient.connect(dash.server.url(), null, false);
             SseTestClient second = SseTestClient.connect(dash.server.url(), null, false);
             SseTestClient third = SseTestClient.connect(dash.server.url(), null, false)) {
            assertEquals(200, first.status());
            assertEquals(200, second.status());
            assertEquals(503, third.status());
            assertEquals(2, dash.server.liveConnections());
            assertEquals(200, dash.get("/api/snapshot").statusCode(), "the API is not affected");
        }
    }
}
