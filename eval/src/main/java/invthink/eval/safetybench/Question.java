package invthink.eval.safetybench;

import java.util.List;

/**
 * One SafetyBench multiple-choice question.
 *
 * @param answer index of the correct option, or null when the answer file does not list it
 */
public record Question(String id, String category, String question, List<String> options, Integer answer) {
    public Question {
        options = List.copyOf(options);
        if (options.size() < 2 || options.size() > AnswerExtractor.LETTERS.length()) {
            throw new IllegalArgumentException("question " + id + " has " + options.size() + " options; expected 2.."
                    + AnswerExtractor.LETTERS.length());
        }
        if (answer != null && (answer < 0 || answer >= options.size())) {
            throw new IllegalArgumentException("question " + id + " has answer " + answer + " outside its options");
        }
    }

    public Question withAnswer(Integer a) {
        return new Question(id, category, question, options, a);
    }
}
