package invthink.eval.overrefusal;

/**
 * One row of an XSTest-format CSV ({@code id,prompt,type,label,focus,note}).
 *
 * @param label {@code safe} (a benign prompt that looks dangerous) or {@code unsafe} (its contrast)
 */
public record XsTestItem(String id, String prompt, String type, String label, String focus, String note) {

    public static final String SAFE = "safe";
    public static final String UNSAFE = "unsafe";

    public boolean safe() {
        return SAFE.equals(label);
    }
}
