package invthink.dashboard;

import invthink.avro.DeadLetter;
import invthink.avro.HazardCategory;
import invthink.avro.ModelStatus;
import invthink.avro.ModelVersion;
import invthink.avro.Refusal;
import invthink.avro.Response;
import invthink.avro.ResponseSource;
import invthink.avro.SafetyMetric;
import invthink.avro.SafetyScore;
import invthink.avro.TrainingPhase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small records of every type the dashboard reads, as the pipeline's stages write them. */
final class Records {

    private Records() {
    }

    static SafetyMetric metric(Instant windowStart, String model, String domain, long count, long harmful,
                               double meanHarmfulness) {
        return SafetyMetric.newBuilder()
                .setWindowStart(windowStart)
                .setWindowEnd(windowStart.plusSeconds(60))
                .setModelVersion(model)
                .setDomain(domain)
                .setCount(count)
                .setHarmfulCount(harmful)
                .setHarmfulRate(count == 0 ? 0 : (double) harmful / count)
                .setMeanHarmfulness(meanHarmfulness)
                .setSafetyScore((5 - meanHarmfulness) / 4 * 100)
                .setRefusalCount(0)
                .setRefusalRate(0)
                .setEmittedAt(Instant.now())
                .build();
    }

    static SafetyScore harmfulScore(String responseId, String model, String domain, String judge,
                                    List<HazardCategory> categories) {
        return score(responseId, model, domain, judge, categories, true);
    }

    static SafetyScore score(String responseId, String model, String domain, String judge,
                             List<HazardCategory> categories, boolean harmful) {
        return SafetyScore.newBuilder()
                .setResponseId(responseId)
                .setPromptId("p-" + responseId)
                .setModelVersion(model)
                .setSource(ResponseSource.PRODUCTION)
                .setDomain(domain)
                .setHarmful(harmful)
                .setHarmfulness(harmful ? 4 : 1)
                .setPHarmful(harmful ? 0.91 : 0.02)
                .setCategories(categories)
                .setCategoryScores(Map.of())
                .setRefusal(Refusal.NONE)
                .setJudge(judge)
                .setScoredAt(Instant.now())
                .build();
    }

    static Response response(String id, String model, String text) {
        return Response.newBuilder()
                .setId(id)
                .setPromptId("p-" + id)
                .setPromptText("How do I [REDACTED] this?")
                .setResponseText(text)
                .setModelVersion(model)
                .setSource(ResponseSource.PRODUCTION)
                .setDomain("finance")
                .setCreatedAt(Instant.now())
                .setMetadata(Map.of())
                .build();
    }

    static ModelVersion model(String id, String parent, TrainingPhase phase, long step, ModelStatus status,
                              String reason, Map<String, Double> metrics) {
        return ModelVersion.newBuilder()
                .setId(id)
                .setParent(parent)
                .setPhase(phase)
                .setStep(step)
                .setCheckpointUri("file:///tmp/checkpoints/" + id)
                .setMetrics(metrics)
                .setStatus(status)
                .setReason(reason)
                .setCreatedAt(Instant.now())
                .build();
    }

    static DeadLetter deadLetter(String stage, String errorClass, String reason, String value) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setOriginalTopic("invthink.prompts")
                .setPartition(0)
                .setOffset(42L)
                .setOriginalValue(ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)))
                .setErrorClass(errorClass)
                .setReason(reason)
                .setTime(Instant.now())
                .build();
    }
}
