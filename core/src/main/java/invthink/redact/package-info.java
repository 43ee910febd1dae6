/**
 * PII and secret redaction: e-mail addresses, phone numbers, payment cards (Luhn-checked), US
 * SSNs, IP addresses, IBANs (mod-97-checked) and secrets of common shapes are replaced by typed
 * placeholders such as {@code [EMAIL]}, and counted per kind. Candidates are validated, not just
 * matched, so order numbers, dates and version strings survive.
 */
package invthink.redact;
