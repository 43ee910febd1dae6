/**
 * Tokenizers: Hugging Face {@code tokenizer.json} files loaded through DJL's native tokenizers,
 * and a byte-level BPE learned in Java on the project's own corpus and written out as a
 * {@code tokenizer.json} that the Hugging Face loader reads back.
 */
package invthink.tokenizer;
