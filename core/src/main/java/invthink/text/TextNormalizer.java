package invthink.text;

import java.text.Normalizer;

/**
 * Puts text into the one canonical form every stage hashes and compares: Unicode NFC, control and
 * format characters removed (tab and newline kept as whitespace), runs of horizontal whitespace
 * folded to one space, more than one blank line folded to one, and both ends trimmed.
 *
 * <p>Line breaks survive because they carry meaning in prompts (lists, code, e-mails); only their
 * excess is folded. The common all-ASCII case skips the NFC pass, which dominates the cost.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        if (isFolded(text)) {
            return text;
        }
        String composed = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        return fold(composed);
    }

    /**
     * Printable ASCII with single spaces and none at either end: already in canonical form, as
     * most prompts are, so no copy is made.
     */
    private static boolean isFolded(String text) {
        int n = text.length();
        if (n == 0 || text.charAt(0) == ' ' || text.charAt(n - 1) == ' ') {
            return n == 0;
        }
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || (c == ' ' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** Whether every character is ASCII: the case where many Unicode-aware steps have nothing to do. */
    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        int pendingNewlines = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                pendingNewlines++;
                pendingSpace = false;
            } else if (cp == '\r') {
                // CRLF and lone CR both end a line; the LF of a CRLF pair is counted on its own.
                if (i >= text.length() || text.charAt(i) != '\n') {
                    pendingNewlines++;
                    pendingSpace = false;
                }
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (pendingNewlines == 0) {
                    pendingSpace = true;
                }
            } else if (isInvisible(cp)) {
                // dropped: controls, zero-width and bidi marks, unassigned and private-use code points
            } else {
                if (out.length() > 0) {
                    if (pendingNewlines > 0) {
                        out.append(pendingNewlines > 1 ? "\n\n" : "\n");
                    } else if (pendingSpace) {
                        out.append(' ');
                    }
                }
                pendingSpace = false;
                pendingNewlines = 0;
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean isInvisible(int cp) {
        if (cp < 0x20 || cp == 0x7f) {
            return true;
        }
        if (cp < 0x80) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }
}
