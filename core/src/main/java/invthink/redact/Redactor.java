package invthink.redact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    private record Rule(PiiKind kind, Pattern pattern, Predicate<String> gate, Validator valid, String group) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(PiiKind.PRIVATE_KEY,
                    Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[A-Za-z0-9+/=\\s:,\\-]*?"
                            + "(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)"),
                    t -> t.contains("-----BEGIN"), (t, m) -> true, null),
            new Rule(PiiKind.BEARER_TOKEN,
                    Pattern.compile("(?i)\\bbearer\\s+(?<v>[A-Za-z0-9\\-._~+/]{16,}=*)"),
                    t -> containsIgnoreCase(t, "bearer"), (t, m) -> true, "v"),
            new Rule(PiiKind.API_KEY,
                    Pattern.compile("(?<![A-Za-z0-9_\\-])(?:sk-(?:proj-|live-|test-|ant-)?[A-Za-z0-9_\\-]{20,}"
                            + "|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|(?:AKIA|ASIA)[0-9A-Z]{16}"
                            + "|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[abprs]-[A-Za-z0-9\\-]{10,}"
                            + "|AIza[0-9A-Za-z_\\-]{35}|glpat-[A-Za-z0-9_\\-]{20}|hf_[A-Za-z0-9]{30,}"
                            + "|eyJ[A-Za-z0-9_\\-]{10,}\\.eyJ[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{10,})(?![A-Za-z0-9_\\-])"),
                    Redactor::mayHoldApiKey, (t, m) -> true, null),
            new Rule(PiiKind.API_KEY,
                    Pattern.compile("(?i)\\b(?:api[_-]?key|secret[_-]?key|client[_-]?secret|access[_-]?token|password|passwd)"
                            + "\\s*[:=]\\s*[\"']?(?<v>[^\\s\"',;]{8,})"),
                    t -> t.indexOf('=') >= 0 || t.indexOf(':') >= 0, (t, m) -> looksLikeSecretValue(m), "v"),
            new Rule(PiiKind.EMAIL,
                    Pattern.compile("(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}\\b"),
                    t -> t.indexOf('@') >= 0, (t, m) -> true, null),
            new Rule(PiiKind.IBAN,
                    Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b"),
                    Redactor::hasDigit, (t, m) -> Checksums.iban(m.group()), null),
            new Rule(PiiKind.CARD,
                    Pattern.compile("(?<![\\d\\-.])\\d(?:[ \\-]?\\d){12,18}(?![\\d\\-.])"),
                    Redactor::hasDigit, (t, m) -> isCard(m.group()), null),
            new Rule(PiiKind.SSN,
                    Pattern.compile("(?<![\\d\\-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d\\-])"),
                    t -> t.indexOf('-') >= 0, (t, m) -> true, null),
            new Rule(PiiKind.IPV6,
                    Pattern.compile("(?i)(?<![0-9a-z:.])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![0-9a-z:])"),
                    t -> t.indexOf(':') >= 0, (t, m) -> isIpv6(m.group()), null),
            new Rule(PiiKind.IPV4,
                    Pattern.compile("(?<![\\d.])(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}(?![\\d]|\\.\\d)"),
                    t -> t.indexOf('.') >= 0, Redactor::notAVersion, null),
            new Rule(PiiKind.PHONE,
                    Pattern.compile("(?<![\\w+\\-.])(?:\\+\\d{1,3}[ .\\-]?)?(?:\\(\\d{2,4}\\)[ .\\-]?\\d{3,4}|\\d{3}[ .\\-]\\d{3,4})[ .\\-]\\d{3,4}(?![\\w\\-]|\\.\\d)"
                            + "|(?<![\\w+])\\+\\d{1,3}[ .\\-]?\\d{1,4}(?:[ .\\-]?\\d{2,4}){2,4}(?![\\w\\-]|\\.\\d)"),
                    Redactor::hasDigit, (t, m) -> isPhone(m.group()), null));

    /** Redacts {@code text}; returns it unchanged (same instance) with no counts when nothing matched. */
    public Redacted redact(String text) {
        String current = text;
        Map<String, Integer> counts = null;
        for (Rule rule : RULES) {
            if (!rule.gate().test(current)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(current);
            StringBuilder out = null;
            int copied = 0;
            while (m.find()) {
                if (!rule.valid().test(current, m)) {
                    continue;
                }
                int start = rule.group() == null ? m.start() : m.start(rule.group());
                int end = rule.group() == null ? m.end() : m.end(rule.group());
                if (out == null) {
                    out = new StringBuilder(current.length());
                }
                out.append(current, copied, start).append(rule.kind().placeholder());
                copied = end;
                if (counts == null) {
                    counts = new LinkedHashMap<>();
                }
                counts.merge(rule.kind().key(), 1, Integer::sum);
            }
            if (out != null) {
                out.append(current, copied, current.length());
                current = out.toString();
            }
        }
        return new Redacted(current, counts == null ? Map.of() : counts);
    }

    private static boolean hasDigit(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String t, String word) {
        return t.toLowerCase(Locale.ROOT).contains(word);
    }

    private static boolean mayHoldApiKey(String t) {
        return t.contains("sk") || t.contains("_") || t.contains("AKIA") || t.contains("ASIA") || t.contains("xox")
                || t.contains("AIza") || t.contains("glpat-") || t.contains("eyJ");
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

    private static final Pattern VERSION_BEFORE = Pattern.compile("(?i)(?:\\bv|\\bver\\.?|\\bversion|\\bbuild|\\brelease)\\s*$");

    /** Four dotted numbers right after "version", "v", "build" or "release" are a version, not an address. */
    private static boolean notAVersion(String text, Matcher m) {
        int start = m.start();
        return !VERSION_BEFORE.matcher(text.substring(Math.max(0, start - VERSION_CONTEXT), start)).find();
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
}
