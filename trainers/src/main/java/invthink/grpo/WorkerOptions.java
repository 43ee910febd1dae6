package invthink.grpo;

import invthink.avro.TrainingPhase;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A rollout worker's settings: the starting policy, its consumer group, which traces it takes
 * and how, the group size, sampling, and reward scaling. {@code maxGroups} 0 means run until
 * closed. {@code followPhase} limits the policy versions the worker reloads to one training phase
 * (GRPO in {@code up}, so it samples the learner's policy rather than a newer SFT one); null
 * follows every phase.
 */
public record WorkerOptions(Path baseModel, String groupId, double fraction, boolean withTrace, String systemPrompt,
                            int groupSize, int maxNewTokens, double temperature, double topP, ScaleRewards scale,
                            Duration pollTimeout, long maxGroups, long seed, TrainingPhase followPhase) {

    public static final String DEFAULT_GROUP = "invthink-grpo-workers";

    public static WorkerOptions defaults(Path baseModel) {
        return new WorkerOptions(baseModel, DEFAULT_GROUP, 0.2, false, null, 4, 512, 1.0, 1.0, ScaleRewards.GROUP,
                Duration.ofMillis(500), 0, 0, null);
    }

    public WorkerOptions withLimits(int maxNewTokens, long maxGroups, double fraction) {
        return new WorkerOptions(baseModel, groupId, fraction, withTrace, systemPrompt, groupSize, maxNewTokens, temperature,
                topP, scale, pollTimeout, maxGroups, seed, followPhase);
    }

    public WorkerOptions withGroupId(String id) {
        return new WorkerOptions(baseModel, id, fraction, withTrace, systemPrompt, groupSize, maxNewTokens, temperature,
                topP, scale, pollTimeout, maxGroups, seed, followPhase);
    }

    public WorkerOptions withBaseModel(Path model) {
        return new WorkerOptions(model, groupId, fraction, withTrace, systemPrompt, groupSize, maxNewTokens, temperature,
                topP, scale, pollTimeout, maxGroups, seed, followPhase);
    }

    public WorkerOptions withSampling(int groups, int maxTokens, double temp, double frac, long seedValue) {
        return new WorkerOptions(baseModel, groupId, frac, withTrace, systemPrompt, groups, maxTokens, temp,
                topP, scale, pollTimeout, maxGroups, seedValue, followPhase);
    }

    public WorkerOptions following(TrainingPhase phase) {
        return new WorkerOptions(baseModel, groupId, fraction, withTrace, systemPrompt, groupSize, maxNewTokens, temperature,
                topP, scale, pollTimeout, maxGroups, seed, phase);
    }
}
