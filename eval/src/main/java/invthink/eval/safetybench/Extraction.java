package invthink.eval.safetybench;

/**
 * The answer a model gave to a multiple-choice question.
 *
 * @param choice the option index, or -1 when {@link Status#UNPARSED} or {@link Status#AMBIGUOUS}
 */
public record Extraction(Status status, int choice) {

    public enum Status { PARSED, AMBIGUOUS, UNPARSED }

    public static Extraction of(int choice) {
        return new Extraction(Status.PARSED, choice);
    }

    public static final Extraction AMBIGUOUS = new Extraction(Status.AMBIGUOUS, -1);
    public static final Extraction UNPARSED = new Extraction(Status.UNPARSED, -1);

    public boolean correct(Integer answer) {
        return status == Status.PARSED && answer != null && choice == answer;
    }
}
