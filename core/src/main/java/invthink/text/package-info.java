/**
 * Text normalisation shared by every stage: Unicode NFC, control characters removed, whitespace
 * folded, so that the same prompt typed twice hashes to the same id.
 */
package invthink.text;
