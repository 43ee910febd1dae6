package invthink.dashboard.view;

import java.util.regex.Pattern;

/**
 * The last line of defence before text reaches a browser: texts on the topics are redacted
 * upstream, but a page is easy to share, so anything that still looks like an e-mail address,
 * a phone number or a credential is masked here, and long texts are cut.
 */
final class TextMask {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern SECRET = Pattern.compile(
            "(?i)\\b(sk-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|eyJ[\\w-]{10,}\\.[\\w-]{10,}\\.[\\w-]+"
                    + "|(?:api[_-]?key|token|secret|password)\\s*[:=]\\s*\\S+)");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w])\\+?\\d[\\d ().-]{8,}\\d(?![\\w])");

    private TextMask() {
    }

    static String mask(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        String masked = SECRET.matcher(text).replaceAll("[SECRET]");
        masked = EMAIL.matcher(masked).replaceAll("[EMAIL]");
        masked = PHONE.matcher(masked).replaceAll("[PHONE]");
        return masked.length() <= maxChars ? masked : masked.substring(0, maxChars - 1) + "…";
    }
}
