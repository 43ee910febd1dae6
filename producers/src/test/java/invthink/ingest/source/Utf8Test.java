package invthink.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void oneNonAsciiByteAnywhereIsFound() {
        for (int length = 0; length <= 40; length++) {
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) 'a');
            assertTrue(Utf8.isAscii(bytes), "length " + length);
            for (int at = 0; at < length; at++) {
                byte[] one = bytes.clone();
                one[at] = (byte) 0x80;
                assertFalse(Utf8.isAscii(one), "length " + length + ", byte " + at);
            }
        }
    }

    @Test
    void decodesStrictlyAndDropsABom() {
        assertEquals("plain", Utf8.decode("plain".getBytes(StandardCharsets.UTF_8)));
        assertEquals("caf\u00e9 \ud83d\ude00", Utf8.decode("caf\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{}", Utf8.decode(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}));
        assertNull(Utf8.decode(new byte[] {'o', 'k', (byte) 0xc3}));
        assertNull(Utf8.decode(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
    }
}
