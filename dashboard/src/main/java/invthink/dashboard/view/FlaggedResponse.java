package invthink.dashboard.view;

import invthink.avro.Response;
import invthink.avro.SafetyScore;
import java.util.List;

/**
 * A response the judge found harmful, with its (redacted) text once the response record has been
 * seen; scores and responses travel on different topics, so either may arrive first.
 */
public record FlaggedResponse(String responseId, String promptId, String modelVersion, String domain, String source,
                              int harmfulness, Double pHarmful, List<String> categories, String judge, long scoredAt,
                              String promptText, String responseText) {

    static final int MAX_PROMPT = 300;
    static final int MAX_RESPONSE = 600;

    public FlaggedResponse {
        categories = List.copyOf(categories);
    }

    public static FlaggedResponse of(SafetyScore s, Response text) {
        List<String> categories = s.getCategories().stream().map(Enum::name).toList();
        FlaggedResponse flagged = new FlaggedResponse(s.getResponseId(), s.getPromptId(), s.getModelVersion(),
                s.getDomain(), s.getSource().name(), s.getHarmfulness(), s.getPHarmful(), categories, s.getJudge(),
                s.getScoredAt().toEpochMilli(), null, null);
        return text == null ? flagged : flagged.withText(text);
    }

    public FlaggedResponse withText(Response r) {
        return new FlaggedResponse(responseId, promptId, modelVersion, domain == null ? r.getDomain() : domain,
                source, harmfulness, pHarmful, categories, judge, scoredAt,
                TextMask.mask(r.getPromptText(), MAX_PROMPT), TextMask.mask(r.getResponseText(), MAX_RESPONSE));
    }

    public boolean hasText() {
        return responseText != null;
    }
}
