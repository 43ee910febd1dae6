package invthink.prompt;

/**
 * Why a candidate cannot become a prompt.
 *
 * @param code   short machine-readable reason, the dead letter's errorClass
 * @param reason a sentence a person can act on
 */
public record Refusal(String code, String reason) {

    public static final String EMPTY = "empty_prompt";
    public static final String OVERSIZED = "oversized_prompt";
}
