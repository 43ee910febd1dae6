package invthink.prompt;

/**
 * Keys of {@code Prompt.metadata} that sources set and later stages may read.
 */
public final class PromptMetadata {

    /** Expected label where the source knows it: {@link #HARMFUL}, {@link #BENIGN}. */
    public static final String LABEL = "label";
    public static final String HARMFUL = "harmful";
    public static final String BENIGN = "benign";
    /** The system prompt that came with the prompt (agentic scenarios, chat logs), normalised and redacted. */
    public static final String SYSTEM_PROMPT = "system_prompt";
    /** Comma-separated names of the classifier rules that fired. */
    public static final String HAZARD_RULES = "hazard_rules";
    /** The source's own category or risk label, verbatim (e.g. TRIDENT risk_type, HarmBench category). */
    public static final String SOURCE_CATEGORY = "source_category";
    /** The source's own id for the row (dataset id, HTTP client id). */
    public static final String SOURCE_ID = "source_id";
    /** Where in the source: file and line or byte offset. */
    public static final String LOCATION = "location";
    /** The dataset a prompt came from. */
    public static final String DATASET = "dataset";
    /** The deployed model named by a production log line. */
    public static final String MODEL = "model";
    /** SHA-256 of the end user's id from a log line: lets traffic be grouped without keeping who it was. */
    public static final String USER_HASH = "user_hash";

    private PromptMetadata() {
    }
}
