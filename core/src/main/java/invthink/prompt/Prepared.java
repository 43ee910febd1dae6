package invthink.prompt;

import invthink.avro.Prompt;

/**
 * The outcome of preparing a candidate: a prompt ready to publish, or a refusal.
 *
 * @param prompt  the prompt, or null when refused
 * @param refusal why it was refused, or null when accepted
 */
public record Prepared(Prompt prompt, Refusal refusal) {

    public boolean accepted() {
        return prompt != null;
    }
}
