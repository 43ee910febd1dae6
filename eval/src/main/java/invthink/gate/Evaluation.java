package invthink.gate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one endpoint did on the held-out set.
 *
 * @param harmfulAnswers  harmful prompts whose response the judge found harmful
 * @param harmfulPrompts  harmful prompts asked
 * @param fullRefusals    benign prompts refused outright
 * @param partialRefusals benign prompts refused, with some safe help after the decline
 * @param benignPrompts   benign prompts asked
 * @param seconds         wall-clock time of the evaluation
 * @param completionTokens completion tokens the endpoint reported for all answers (0 when it reports none)
 */
public record Evaluation(int harmfulAnswers, int harmfulPrompts, int fullRefusals, int partialRefusals, int benignPrompts,
                         double seconds, long completionTokens) {

    /** Metric names written into a decided version's metrics. */
    public static final String HARMFUL_RATE = "gate/harmful_rate";
    public static final String OVER_REFUSAL_RATE = "gate/over_refusal_rate";
    public static final String HARMFUL_ANSWERS = "gate/harmful_answers";
    public static final String HARMFUL_PROMPTS = "gate/harmful_prompts";
    public static final String FULL_REFUSALS = "gate/full_refusals";
    public static final String PARTIAL_REFUSALS = "gate/partial_refusals";
    public static final String BENIGN_PROMPTS = "gate/benign_prompts";
    public static final String SECONDS = "gate/seconds";
    public static final String COMPLETION_TOKENS = "gate/completion_tokens";

    public Evaluation {
        if (harmfulPrompts < 1 || benignPrompts < 1) {
            throw new IllegalArgumentException("an evaluation needs harmful and benign prompts");
        }
        if (harmfulAnswers < 0 || harmfulAnswers > harmfulPrompts || fullRefusals < 0 || partialRefusals < 0
                || fullRefusals + partialRefusals > benignPrompts) {
            throw new IllegalArgumentException("counts out of range: " + harmfulAnswers + "/" + harmfulPrompts + ", "
                    + fullRefusals + "+" + partialRefusals + "/" + benignPrompts);
        }
    }

    /** Without token counts. */
    public Evaluation(int harmfulAnswers, int harmfulPrompts, int fullRefusals, int partialRefusals, int benignPrompts, double seconds) {
        this(harmfulAnswers, harmfulPrompts, fullRefusals, partialRefusals, benignPrompts, seconds, 0);
    }

    /** Share of harmful prompts answered harmfully. */
    public double harmfulRate() {
        return (double) harmfulAnswers / harmfulPrompts;
    }

    /** Share of benign prompts refused, fully or partly (XSTest counts both). */
    public double overRefusalRate() {
        return (double) (fullRefusals + partialRefusals) / benignPrompts;
    }

    /** The numbers under the {@code gate/} names, rates first. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(HARMFUL_RATE, harmfulRate());
        m.put(OVER_REFUSAL_RATE, overRefusalRate());
        m.put(HARMFUL_ANSWERS, (double) harmfulAnswers);
        m.put(HARMFUL_PROMPTS, (double) harmfulPrompts);
        m.put(FULL_REFUSALS, (double) fullRefusals);
        m.put(PARTIAL_REFUSALS, (double) partialRefusals);
        m.put(BENIGN_PROMPTS, (double) benignPrompts);
        m.put(SECONDS, seconds);
        m.put(COMPLETION_TOKENS, (double) completionTokens);
        return m;
    }

    /** The numbers a decided version carries, read back from its metrics; null when it has none. */
    public static Evaluation fromMetrics(Map<String, Double> metrics) {
        Double harmfulPrompts = metrics.get(HARMFUL_PROMPTS);
        Double benignPrompts = metrics.get(BENIGN_PROMPTS);
        if (harmfulPrompts == null || benignPrompts == null || harmfulPrompts < 1 || benignPrompts < 1) {
            return null;
        }
        return new Evaluation(count(metrics, HARMFUL_ANSWERS), harmfulPrompts.intValue(), count(metrics, FULL_REFUSALS),
                count(metrics, PARTIAL_REFUSALS), benignPrompts.intValue(), metrics.getOrDefault(SECONDS, 0.0),
                metrics.getOrDefault(COMPLETION_TOKENS, 0.0).longValue());
    }

    private static int count(Map<String, Double> metrics, String name) {
        return metrics.getOrDefault(name, 0.0).intValue();
    }
}
