package invthink.redact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data and secrets in text with typed placeholders.
 *
 * <p>Rules run in a fixed order, most specific first (a private-key block before the base64 in
 * it could look like anything, an e-mail before its digits could look like a phone number).
 * Each rule has a cheap gate (a character that must occur) so the common prompt with no PII
 * costs a few scans of its characters, and a validator (Luhn, mod-97, digit counts, context) so
 * look-alikes are kept. Thread-safe and stateless.
 */
public final class Redactor {

    private static final int VERSION_CONTEXT = 12;

    /** Accepts or rejects one match; sees the whole text for context checks. */
    private interface Validator {
        boolean test(String text, Matcher match);
    }

    /**
     * @param window where matches can lie (null: anywhere); the pattern then runs only over those
     *               stretches of text instead of trying every position of it
     */
    private record Rule(PiiKind kind, Pattern pattern, Predicate<Features> gate, Validator valid, String group, Window window) {
        Rule(PiiKind kind, Pattern pattern, Predicate<Features> gate, Validator valid, String group) {
            this(kind, pattern, gate, valid, group, null);
        }
    }

    /**
     * The maximal runs of the characters a pattern can match that hold at least {@code minCount}
     * of a character it must match and are at least {@code minLength} long: every match lies
     * inside one, so running the pattern over each (with transparent bounds, so look-arounds still
     * see the neighbours) finds exactly what a scan of the whole text finds, at a fraction of the
     * cost; a regex scan tries every position. Only ASCII characters can be in a run.
     */
    private static final class Window {
        private final boolean[] in = new boolean[128];
        private final char must;
        private final int minCount;
        private final int minLength;

        Window(String chars, boolean hexLetters, boolean letters, char must, int minCount, int minLength) {
            for (char c = '0'; c <= '9'; c++) {
                in[c] = true;
            }
            for (char c : chars.toCharArray()) {
                in[c] = true;
            }
            for (char c = 'a'; c <= 'z'; c++) {
                in[c] |= letters || (hexLetters && c <= 'f');
                in[c - 'a' + 'A'] |= letters || (hexLetters && c <= 'f');
            }
            this.must = must;
            this.minCount = minCount;
            this.minLength = minLength;
        }

        Window(String chars, boolean hexLetters, boolean letters, char must, int minCount) {
            this(chars, hexLetters, letters, must, minCount, 0);
        }

        boolean in(char c) {
            return c < 128 && in[c];
        }

        boolean counts(char c) {
            return must == DIGIT ? c >= '0' && c <= '9' : c == must;
        }

        boolean holds(int count, int length) {
            return count >= minCount && length >= minLength;
        }
    }

    private static final char DIGIT = 0;
    private static final Window EMAIL_CHARS = new Window("._%+-@", false, true, '@', 1);
    private static final Window CARD_CHARS = new Window(" -", false, false, DIGIT, 13);
    private static final Window SSN_CHARS = new Window("-", false, false, DIGIT, 9);
    private static final Window IPV6_CHARS = new Window(":", true, false, ':', 2);
    private static final Window IPV4_CHARS = new Window(".", false, false, DIGIT, 4);
    private static final Window PHONE_CHARS = new Window(" .-()+", false, false, DIGIT, 10);
    /** The shortest key shape is xox?- and ten more characters; only a JWT has dots. */
    private static final Window KEY_CHARS = new Window("_-.", false, true, DIGIT, 0, 15);

    private static final List<Rule> RULES = List.of(
            new Rule(PiiKind.PRIVATE_KEY,
                    Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[A-Za-z0-9+/=\\s:,\\-]*?"
                            + "(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)"),
                    f -> f.dashes >= 5 && f.text.contains("-----BEGIN"), (t, m) -> true, null),
            new Rule(PiiKind.BEARER_TOKEN,
                    Pattern.compile("(?i)\\bbearer\\s+(?<v>[A-Za-z0-9\\-._~+/]{16,}=*)"),
                    f -> f.longestTokenRun >= 16 && containsIgnoreCase(f.text, "bearer"), (t, m) -> true, "v"),
            new Rule(PiiKind.API_KEY,
                    Pattern.compile("(?<![A-Za-z0-9_\\-])(?:sk-(?:proj-|live-|test-|ant-)?[A-Za-z0-9_\\-]{20,}"
                            + "|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|(?:AKIA|ASIA)[0-9A-Z]{16}"
                            + "|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[abprs]-[A-Za-z0-9\\-]{10,}"
                            + "|AIza[0-9A-Za-z_\\-]{35}|glpat-[A-Za-z0-9_\\-]{20}|hf_[A-Za-z0-9]{30,}"
                            + "|eyJ[A-Za-z0-9_\\-]{10,}\\.eyJ[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{10,})(?![A-Za-z0-9_\\-])"),
                    Features::mayHoldApiKey, (t, m) -> true, null, KEY_CHARS),
            new Rule(PiiKind.API_KEY,
                    Pattern.compile("(?i)\\b(?:api[_-]?key|secret[_-]?key|client[_-]?secret|access[_-]?token|password|passwd)"
                            + "\\s*[:=]\\s*[\"']?(?<v>[^\\s\"',;]{8,})"),
                    Features::mayHoldSecretAssignment, (t, m) -> looksLikeSecretValue(m), "v"),
            new Rule(PiiKind.EMAIL,
                    Pattern.compile("(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}\\b"),
                    f -> f.at > 0, (t, m) -> true, null, EMAIL_CHARS),
            new Rule(PiiKind.IBAN,
                    Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b"),
                    Features::mayHoldIban, (t, m) -> Checksums.iban(m.group()), null),
            new Rule(PiiKind.CARD,
                    Pattern.compile("(?<![\\d\\-.])\\d(?:[ \\-]?\\d){12,18}(?![\\d\\-.])"),
                    f -> f.digits >= 13, (t, m) -> isCard(m.group()), null, CARD_CHARS),
            new Rule(PiiKind.SSN,
                    Pattern.compile("(?<![\\d\\-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d\\-])"),
                    f -> f.digits >= 9 && f.dashes >= 2, (t, m) -> true, null, SSN_CHARS),
            new Rule(PiiKind.IPV6,
                    Pattern.compile("(?i)(?<![0-9a-z:.])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![0-9a-z:])"),
                    f -> f.colons >= 2, (t, m) -> isIpv6(m.group()), null, IPV6_CHARS),
            new Rule(PiiKind.IPV4,
                    Pattern.compile("(?<![\\d.])(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}(?![\\d]|\\.\\d)"),
                    f -> f.digitDots >= 3, Redactor::notAVersion, null, IPV4_CHARS),
            new Rule(PiiKind.PHONE,
                    Pattern.compile("(?<![\\w+\\-.])(?:\\+\\d{1,3}[ .\\-]?)?(?:\\(\\d{2,4}\\)[ .\\-]?\\d{3,4}|\\d{3}[ .\\-]\\d{3,4})[ .\\-]\\d{3,4}(?![\\w\\-]|\\.\\d)"
                            + "|(?<![\\w+])\\+\\d{1,3}[ .\\-]?\\d{1,4}(?:[ .\\-]?\\d{2,4}){2,4}(?![\\w\\-]|\\.\\d)"),
                    f -> f.digits >= 10, (t, m) -> isPhone(m.group()), null, PHONE_CHARS));

    /** Redacts {@code text}; returns it unchanged (same instance) with no counts when nothing matched. */
    public Redacted redact(String text) {
        String current = text;
        Map<String, Integer> counts = null;
        Features features = new Features(current);
        for (Rule rule : RULES) {
            if (!rule.gate().test(features)) {
                continue;
            }
            // Made when a window qualifies: with most prompts, none does.
            Matcher m = null;
            StringBuilder out = null;
            int copied = 0;
            int n = current.length();
            int from = 0;
            while (from < n) {
                int end = n;
                if (rule.window() != null) {
                    Window w = rule.window();
                    while (from < n && !w.in(current.charAt(from))) {
                        from++;
                    }
                    int count = 0;
                    end = from;
                    while (end < n && w.in(current.charAt(end))) {
                        if (w.counts(current.charAt(end))) {
                            count++;
                        }
                        end++;
                    }
                    if (!w.holds(count, end - from)) {
                        from = end;
                        continue;
                    }
                }
                if (m == null) {
                    m = rule.pattern().matcher(current).useTransparentBounds(true).useAnchoringBounds(false);
                }
                if (rule.window() != null) {
                    m.region(from, end);
                }
                while (m.find()) {
                    if (!rule.valid().test(current, m)) {
                        continue;
                    }
                    int start = rule.group() == null ? m.start() : m.start(rule.group());
                    int stop = rule.group() == null ? m.end() : m.end(rule.group());
                    if (out == null) {
                        out = new StringBuilder(current.length());
                    }
                    out.append(current, copied, start).append(rule.kind().placeholder());
                    copied = stop;
                    if (counts == null) {
                        counts = new LinkedHashMap<>();
                    }
                    counts.merge(rule.kind().key(), 1, Integer::sum);
                }
                from = end;
            }
            if (out != null) {
                out.append(current, copied, current.length());
                current = out.toString();
                features = new Features(current);
            }
        }
        return new Redacted(current, counts == null ? Map.of() : counts);
    }

    /** A value after {@code password:} is a secret only if it looks generated or chosen: a digit or symbol in it. */
    private static boolean looksLikeSecretValue(Matcher m) {
        String v = m.group("v");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCard(String candidate) {
        int digits = Checksums.digitCount(candidate);
        if (digits < 13 || digits > 19 || !Checksums.luhn(candidate)) {
            return false;
        }
        // Repeated digits (0000 0000 0000 0000) pass Luhn but are placeholders, not cards.
        char first = candidate.charAt(0);
        return candidate.chars().filter(Character::isDigit).anyMatch(c -> c != first);
    }

    private static boolean isPhone(String candidate) {
        int digits = Checksums.digitCount(candidate);
        return digits >= 10 && digits <= 15;
    }

    private static final String[] VERSION_WORDS = {"v", "ver", "ver.", "version", "build", "release"};

    /**
     * Four dotted numbers right after "version", "v", "build" or "release" are a version, not an
     * address: one of those words (starting a word, within the {@value #VERSION_CONTEXT} characters
     * before the match) followed only by whitespace.
     */
    private static boolean notAVersion(String text, Matcher m) {
        int from = Math.max(0, m.start() - VERSION_CONTEXT);
        int end = m.start();
        // As a trailing \s*$ would: $ also matches before one final line terminator.
        if (end > from && (text.charAt(end - 1) == '\u0085' || text.charAt(end - 1) == '\u2028'
                || text.charAt(end - 1) == '\u2029')) {
            end--;
        }
        while (end > from && isRegexSpace(text.charAt(end - 1))) {
            end--;
        }
        for (String word : VERSION_WORDS) {
            int at = end - word.length();
            if (at >= from && asciiIgnoreCaseAt(text, at, word)
                    && !wordBefore(text, at, from)) {
                return false;
            }
        }
        return true;
    }

    /** What {@code \s} matches. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * Whether {@code \b} sees a word character before {@code at} in the text cut at {@code from}:
     * a letter, digit or underscore, or a combining mark after a letter or digit (looked for char
     * by char, as {@link java.util.regex.Pattern} does).
     */
    private static boolean wordBefore(String text, int at, int from) {
        if (at <= from) {
            return false;
        }
        int cp = at - 1 > from ? text.codePointBefore(at) : text.charAt(at - 1);
        if (cp == '_' || Character.isLetterOrDigit(cp)) {
            return true;
        }
        if (Character.getType(cp) != Character.NON_SPACING_MARK) {
            return false;
        }
        for (int x = at - 1; x >= from; x--) {
            int ch = text.codePointAt(x);
            if (Character.isLetterOrDigit(ch)) {
                return true;
            }
            if (Character.getType(ch) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }

    /** Whether {@code lowerWord} (ASCII lowercase) is at {@code at} in {@code text}, ASCII case ignored as {@code (?i)} does. */
    private static boolean asciiIgnoreCaseAt(String text, int at, String lowerWord) {
        if (at + lowerWord.length() > text.length()) {
            return false;
        }
        for (int j = 0; j < lowerWord.length(); j++) {
            char c = text.charAt(at + j);
            if (c != lowerWord.charAt(j) && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == lowerWord.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code text} contains {@code lowerWord} (ASCII lowercase) in any ASCII case, without a
     * lowercased copy: enough for a gate, since the patterns it guards ignore ASCII case only.
     */
    private static boolean containsIgnoreCase(String text, String lowerWord) {
        int last = text.length() - lowerWord.length();
        char first = lowerWord.charAt(0);
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || c == first - ('a' - 'A')) && asciiIgnoreCaseAt(text, i, lowerWord)) {
                return true;
            }
        }
        return false;
    }

    /** Eight groups of 1-4 hex digits, or fewer with exactly one {@code ::}; times like 10:30:00 fail. */
    static boolean isIpv6(String candidate) {
        int compression = candidate.indexOf("::");
        if (compression >= 0 && (candidate.indexOf("::", compression + 1) >= 0 || candidate.contains(":::"))) {
            return false;
        }
        int groups = 0;
        int longest = 0;
        for (String g : candidate.split(":", -1)) {
            longest = Math.max(longest, g.length());
            if (g.isEmpty()) {
                if (compression < 0) {
                    return false;
                }
            } else if (g.length() > 4) {
                return false;
            } else {
                groups++;
            }
        }
        // "a::b" in C++ or Ruby prose is not an address; "fe80::1" and "::1" are.
        boolean addressLike = longest >= 3 || candidate.startsWith("::");
        return compression >= 0 ? groups >= 1 && groups <= 7 && addressLike : groups == 8;
    }

    /**
     * What one pass over the text learns, so each rule's regex runs only when the characters it
     * needs are there: the common prompt without PII costs this pass and nothing else.
     */
    private static final class Features {
        private static final String[] KEY_PREFIXES = {"sk-", "sk_", "rk_", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_",
            "ghr_", "github_pat_", "xox", "AIza", "glpat-", "hf_", "eyJ"};

        private static final boolean[] TOKEN_CHARS = new boolean[128];

        static {
            for (char c = 0; c < 128; c++) {
                TOKEN_CHARS[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~+/".indexOf(c) >= 0;
            }
        }

        final String text;
        final int digits;
        final int dashes;
        final int colons;
        final int at;
        final int equals;
        /** Occurrences of digit '.' digit: an IPv4 address has three. */
        final int digitDots;
        /** Occurrences of two capitals followed by two digits: where an IBAN starts. */
        final int ibanStarts;
        /**
         * The longest run of characters a bearer token can hold ({@code [A-Za-z0-9-._~+/]}, a
         * superset of an API key's): most prompts have no word long enough to be either, and then
         * neither rule needs to look for its prefixes.
         */
        final int longestTokenRun;

        Features(String text) {
            this.text = text;
            int d = 0, da = 0, co = 0, a = 0, eq = 0, dd = 0, ib = 0, run = 0, longest = 0;
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                // Lowercase letters and spaces are most of a prompt and count for nothing else.
                if (c >= 'a' && c <= 'z') {
                    if (++run > longest) {
                        longest = run;
                    }
                    continue;
                }
                if (c == ' ') {
                    run = 0;
                    continue;
                }
                if (c < 128 && TOKEN_CHARS[c]) {
                    if (++run > longest) {
                        longest = run;
                    }
                } else {
                    run = 0;
                }
                if (c >= '0' && c <= '9') {
                    d++;
                } else if (c == '-') {
                    da++;
                } else if (c == ':') {
                    co++;
                } else if (c == '@') {
                    a++;
                } else if (c == '=') {
                    eq++;
                } else if (c == '.' && i > 0 && i + 1 < n && isDigit(text.charAt(i - 1)) && isDigit(text.charAt(i + 1))) {
                    dd++;
                } else if (c >= 'A' && c <= 'Z' && i + 3 < n && isUpper(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
                        && isDigit(text.charAt(i + 3))) {
                    ib++;
                }
            }
            digits = d;
            dashes = da;
            colons = co;
            at = a;
            equals = eq;
            digitDots = dd;
            ibanStarts = ib;
            longestTokenRun = longest;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isUpper(char c) {
            return c >= 'A' && c <= 'Z';
        }

        boolean mayHoldApiKey() {
            if (longestTokenRun < KEY_CHARS.minLength) {
                return false;
            }
            for (String p : KEY_PREFIXES) {
                if (text.contains(p)) {
                    return true;
                }
            }
            return false;
        }

        boolean mayHoldSecretAssignment() {
            if (equals == 0 && colons == 0) {
                return false;
            }
            return containsIgnoreCase(text, "key") || containsIgnoreCase(text, "secret") || containsIgnoreCase(text, "token")
                    || containsIgnoreCase(text, "passw");
        }

        boolean mayHoldIban() {
            return ibanStarts > 0 && digits >= 10;
        }
    }
}
