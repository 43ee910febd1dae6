package invthink.grpo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A rollout worker's settings: the starting policy, its consumer group, which traces it takes
 * and how, the group size, sampling, and reward scaling. {@code maxGroups} 0 means run until
 * closed.
 */
public record WorkerOptions(Path baseModel, String groupId, double fraction, boolean withTrace, String systemPrompt,
                            int groupSize, int maxNewTokens, double temperature, double topP, ScaleRewards scale,
                            Duration pollTimeout, long maxGroups, long seed) {

    public static final String DEFAULT_GROUP = "invthink-grpo-workers";

    public static WorkerOptions defaults(Path baseModel) {
        return new WorkerOptions(baseModel, DEFAULT_GROUP, 0.2, false, null, 4, 512, 1.0, 1.0, ScaleRewards.GROUP,
                Duration.ofMillis(500), 0, 0);
    }

    public WorkerOptions withLimits(int maxNewTokens, long maxGroups, double fraction) {
        return new WorkerOptions(baseModel, groupId, fraction, withTrace, systemPrompt, groupSize, maxNewTokens, temperature,
                topP, scale, pollTimeout, maxGroups, seed);
    }

    public WorkerOptions withGroupId(String id) {
        return new WorkerOptions(baseModel, id, fraction, withTrace, systemPrompt, groupSize, maxNewTokens, temperature,
                topP, scale, pollTimeout, maxGroups, seed);
    }
}
