package invthink.metrics;

import java.util.Locale;

/**
 * Raise an alert when a window's rate goes above a threshold, once enough responses back it.
 *
 * @param rate      which rate: {@code harmful_rate}, {@code refusal_rate}, {@code over_refusal_rate} or
 *                  {@code mean_harmfulness}
 * @param threshold the alert fires when the rate goes strictly above this
 * @param minCount  responses the window must hold first, so one early harmful answer is not a 100% alert
 */
public record AlertRule(String rate, double threshold, long minCount) {

    public AlertRule {
        rate = rate.toLowerCase(Locale.ROOT).replace('-', '_');
        if (!rate.equals("harmful_rate") && !rate.equals("refusal_rate") && !rate.equals("over_refusal_rate")
                && !rate.equals("mean_harmfulness")) {
            throw new IllegalArgumentException("unknown rate '" + rate + "'; use harmful_rate, refusal_rate, over_refusal_rate"
                    + " or mean_harmfulness");
        }
    }

    /** Parses {@code rate>threshold} or {@code rate>threshold@minCount}, e.g. {@code harmful_rate>0.2@20}. */
    public static AlertRule parse(String spec) {
        String[] parts = spec.split(">", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("alert '" + spec + "' is not of the form rate>threshold[@minCount]");
        }
        String[] thresholdAndMin = parts[1].split("@", 2);
        try {
            return new AlertRule(parts[0].trim(), Double.parseDouble(thresholdAndMin[0].trim()),
                    thresholdAndMin.length > 1 ? Long.parseLong(thresholdAndMin[1].trim()) : 1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("alert '" + spec + "' has a malformed number: " + e.getMessage(), e);
        }
    }

    double valueOf(Tally t) {
        return switch (rate) {
            case "harmful_rate" -> t.harmfulRate();
            case "refusal_rate" -> t.refusalRate();
            case "over_refusal_rate" -> t.overRefusalRate();
            default -> t.meanHarmfulness();
        };
    }

    boolean crossed(Tally t) {
        return t.count() >= minCount && valueOf(t) > threshold;
    }

    String describe(Tally t) {
        return String.format(Locale.ROOT, "%s %.4f > %s over %d responses", rate, valueOf(t), threshold, t.count());
    }
}
