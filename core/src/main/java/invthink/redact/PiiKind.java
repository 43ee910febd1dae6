package invthink.redact;

import java.util.Locale;

/** The kinds of personal data and secrets the redactor replaces, each with its placeholder. */
public enum PiiKind {
    PRIVATE_KEY("[PRIVATE_KEY]"),
    BEARER_TOKEN("[TOKEN]"),
    API_KEY("[API_KEY]"),
    EMAIL("[EMAIL]"),
    IBAN("[IBAN]"),
    CARD("[CARD]"),
    SSN("[SSN]"),
    IPV6("[IP]"),
    IPV4("[IP]"),
    PHONE("[PHONE]");

    private final String placeholder;

    PiiKind(String placeholder) {
        this.placeholder = placeholder;
    }

    public String placeholder() {
        return placeholder;
    }

    /** The key used in {@code Prompt.redactions} counts: {@code email}, {@code api_key}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
