package invthink.dashboard.view;

import java.util.List;
import java.util.Map;

/**
 * Everything the page shows, at one event id: the page renders this, then applies live events
 * numbered after {@code eventId}.
 */
public record Snapshot(String eventId, List<MetricPoint> metrics, List<ModelEntry> models,
                       List<TrainingPoint> training, List<DeadLetterEntry> deadLetters,
                       List<DeadLetterCount> deadLetterCounts, List<FlaggedResponse> flagged,
                       List<Throughput> throughput, List<Alert> alerts, Map<String, Object> settings) {

    /** Dead letters seen for one stage and error class since the view started reading. */
    public record DeadLetterCount(String stage, String errorClass, long count, long lastTime) {
    }
}
