package invthink.ingest.source;

import invthink.prompt.Candidate;

/**
 * A candidate prompt, and the deployed model's reply when the source carried one.
 *
 * @param candidate the prompt as found
 * @param reply     the model's response from a production log, or null
 * @param location  where in the source
 * @param raw       the original bytes, kept for a dead letter should the prompt be refused
 */
public record Submission(Candidate candidate, Reply reply, String location, byte[] raw) implements SourceItem {
}
