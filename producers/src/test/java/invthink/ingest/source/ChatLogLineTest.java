package invthink.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatLogLineTest {

    private final JsonRecords records = new JsonRecords(FieldMapping.defaults(), "log:test");

    private static String show(SourceItem item) {
        if (item instanceof Submission s) {
            return "submission " + s.candidate() + " reply " + s.reply();
        }
        Malformed m = (Malformed) item;
        return "malformed " + m.code() + ": " + m.reason();
    }

    private void sameAsTree(String line, boolean streamed) {
        byte[] raw = line.getBytes(StandardCharsets.UTF_8);
        SourceItem fast = ChatLogLine.read(line, records, raw, "line 1");
        if (streamed) {
            assertNotNull(fast, "read in one pass: " + line);
        } else {
            assertNull(fast, "left to the tree: " + line);
        }
        assertEquals(show(records.parseTree(line, raw, "line 1")), show(records.parse(line, raw, "line 1")), line);
    }

    @Test
    void commonLinesAreReadInOnePassExactlyAsTheTreeReadsThem() {
        for (String line : List.of(
                "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi at a@b.co\"}],"
                        + "\"model\":\"m-1\",\"timestamp\":\"2026-11-30T10:00:00Z\",\"user\":\"u-7\"}",
                "{\"user\":\"u\",\"messages\":[{\"content\":\"first\",\"role\":\"user\"},{\"role\":\"assistant\",\"content\":\"a1\"},"
                        + "{\"role\":\"user\",\"content\":\"second\"},{\"role\":\"assistant\",\"content\":\"a2\"}],\"timestamp\":1764496800}",
                "{\"messages\":[{\"role\":\"developer\",\"content\":null},{\"role\":\"system\",\"content\":\"sys\"},"
                        + "{\"role\":\"user\",\"content\":\"q\",\"name\":\"x\"},{\"role\":\"tool\",\"content\":\"t\"}],\"response\":\"r\"}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"response\":null,\"extra\":{\"nested\":[1,2,{\"k\":true}]}}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"timestamp\":\"yesterday\",\"model\":null}",
                // Read from the bytes (ASCII, escapes included) and from the decoded text (not ASCII).
                "{\"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9 \\ud83d\\ude00 tab\\t quote\\\" end\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"caf\u00e9 \ud83d\ude00 \u4e2d\u6587\"}],\"user\":\"\u00fc\"}")) {
            sameAsTree(line, true);
        }
    }

    @Test
    void everyOtherShapeIsLeftToTheTreeWithItsErrors() {
        for (String line : List.of(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"parts\"}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"response\":{\"choices\":[{\"message\":{\"content\":\"c\"}}]}}",
                "{\"messages\":[{\"role\":\"assistant\",\"content\":\"no user\"}]}",
                "{\"messages\":\"not an array\"}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"model\":\"a\",\"model\":\"b\"}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"timestamp\":1.5e9}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]} trailing",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"",
                "{\"prompt\":\"a flat record\"}",
                "[1, 2]")) {
            sameAsTree(line, false);
        }
    }
}
