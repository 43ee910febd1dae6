package invthink.ingest.dataset;

/** Metadata keys only datasets set, beside the common ones in {@code PromptMetadata}. */
public final class DatasetMetadata {

    /** An expert's safe answer shipped with the prompt (TRIDENT safe_reply): a reference for teachers and judges. */
    public static final String REFERENCE_RESPONSE = "reference_response";
    /** The affirmative target string an attack aims for (AdvBench target). */
    public static final String REFERENCE_TARGET = "reference_target";
    /** HarmBench functional category (standard, contextual, copyright). */
    public static final String FUNCTIONAL_CATEGORY = "functional_category";
    /** SimpleSafetyTests: information seeking, instructions, ... */
    public static final String INTENT = "intent";
    /** Aegis: the label of the dataset's response. */
    public static final String RESPONSE_LABEL = "response_label";
    /** SafetyBench: the correct option letter, when the file has it. */
    public static final String ANSWER = "answer";
    /** Dead-letter code for rows a dataset withholds (Aegis REDACTED prompts). */
    public static final String REDACTED_IN_SOURCE = "redacted_in_source";

    private DatasetMetadata() {
    }
}
