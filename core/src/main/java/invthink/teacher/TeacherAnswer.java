package invthink.teacher;

import invthink.avro.AugmentedExample;
import invthink.avro.Prompt;
import invthink.avro.TokenUsage;
import invthink.avro.ValidationStatus;
import invthink.trace.ParsedTrace;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A teacher's accepted output.
 *
 * @param text        the teacher's text, byte-for-byte
 * @param parsed      the trace and answer parsed from it
 * @param status      VALID first time or REPAIRED after the repair round
 * @param firstErrors what was wrong with the first attempt (empty when VALID)
 * @param usage       tokens summed over the attempts, or null when the endpoint reported none
 */
public record TeacherAnswer(String text, ParsedTrace parsed, ValidationStatus status, List<String> firstErrors,
                            TokenUsage usage) {

    public TeacherAnswer {
        firstErrors = List.copyOf(firstErrors);
    }

    /** The record for {@code invthink.traces}. */
    public AugmentedExample toExample(Prompt prompt, String model, int routes, Map<String, String> parameters, Instant at) {
        return AugmentedExample.newBuilder()
                .setPrompt(prompt)
                .setTrace(parsed.trace())
                .setAnswer(parsed.answer())
                .setRawTeacherText(text)
                .setRoutesRequested(routes)
                .setTeacherModel(model)
                .setTeacherParameters(Map.copyOf(parameters))
                .setUsage(usage)
                .setValidation(status)
                .setValidationErrors(firstErrors)
                .setCreatedAt(at)
                .build();
    }
}
