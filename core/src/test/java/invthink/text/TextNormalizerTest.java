package invthink.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void composesToNfc() {
        assertEquals("caf\u00e9", TextNormalizer.normalize("cafe\u0301"));
    }

    @Test
    void removesControlAndInvisibleCharacters() {
        assertEquals("helloworld", TextNormalizer.normalize("hel\u0000lo\u200bwor\u0007ld\u202e"));
    }

    @Test
    void foldsWhitespaceButKeepsParagraphs() {
        assertEquals("a b\nc\n\nd", TextNormalizer.normalize("  a \t\u00a0 b \r\nc\n\n\n\n  d  \n"));
    }

    @Test
    void sameTextTypedDifferentlyNormalisesTheSame() {
        assertEquals(TextNormalizer.normalize("Is  it\u00a0safe?\r\n"), TextNormalizer.normalize("Is it safe?"));
    }

    @Test
    void nullAndBlankBecomeEmpty() {
        assertEquals("", TextNormalizer.normalize(null));
        assertEquals("", TextNormalizer.normalize(" \u200b\t\n"));
    }
}
