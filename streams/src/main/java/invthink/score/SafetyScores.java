package invthink.score;

import invthink.avro.Response;
import invthink.avro.SafetyScore;
import invthink.judge.Exchange;
import invthink.judge.Verdict;
import java.time.Instant;
import java.util.ArrayList;

/** Converts between the topics' records and the judge's vocabulary. */
public final class SafetyScores {

    private SafetyScores() {
    }

    public static Exchange exchange(Response response) {
        return new Exchange(response.getPromptText(), response.getResponseText(), response.getDomain());
    }

    public static SafetyScore of(Response response, Verdict verdict, Instant scoredAt) {
        return SafetyScore.newBuilder()
                .setResponseId(response.getId())
                .setPromptId(response.getPromptId())
                .setModelVersion(response.getModelVersion())
                .setSource(response.getSource())
                .setDomain(response.getDomain())
                .setHarmful(verdict.harmful())
                .setHarmfulness(verdict.harmfulness())
                .setPHarmful(verdict.pHarmful())
                .setCategories(new ArrayList<>(verdict.categories()))
                .setCategoryScores(new java.util.HashMap<>(verdict.categoryScores()))
                .setRefusal(verdict.refusal())
                .setJudge(verdict.judge())
                .setScoredAt(scoredAt)
                .setPromptHarmful(verdict.promptHarmful())
                .setRespondedAt(response.getCreatedAt())
                .build();
    }
}
