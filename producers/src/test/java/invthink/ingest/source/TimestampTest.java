package invthink.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T10:00:00Z", "2026-11-30T10:00:00.5Z", "2026-11-30T10:00:00.123456789Z",
        "2024-02-29T23:59:59.999Z", "2026-11-30T10:00:00+02:00", "2026-11-30T10:00:00.250-05:30", "1970-01-01T00:00:00Z"})
    void theFastPathReadsWhatTheGeneralParserReads(String text) {
        Instant expected = OffsetDateTime.parse(text).toInstant();
        assertEquals(expected, JsonRecords.rfc3339(text));
        assertEquals(expected, JsonRecords.timestamp(new TextNode(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30 10:00:00Z", "2026-11-30T10:00:00", "2026-02-30T10:00:00Z", "2026-11-30T24:00:00Z",
        "2026-11-30T10:00:00.Z", "2026-11-30T10:00:00+0200", "26-11-30T10:00:00Z", "yesterday at noon"})
    void anythingElseIsLeftToTheGeneralParsers(String text) {
        assertNull(JsonRecords.rfc3339(text));
    }
}
