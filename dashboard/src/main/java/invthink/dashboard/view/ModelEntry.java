package invthink.dashboard.view;

import invthink.avro.ModelVersion;
import java.util.Map;
import java.util.TreeMap;

/** A model version's latest record: its phase, step, gate decision and the numbers behind it. */
public record ModelEntry(String id, String parent, String phase, long step, String status, String reason,
                         Map<String, Double> metrics, long createdAt) {

    public ModelEntry {
        metrics = Map.copyOf(metrics);
    }

    public static ModelEntry of(ModelVersion v) {
        Map<String, Double> metrics = new TreeMap<>();
        v.getMetrics().forEach((k, value) -> {
            if (value != null && Double.isFinite(value)) {
                metrics.put(k, value);
            }
        });
        return new ModelEntry(v.getId(), v.getParent(), v.getPhase().name(), v.getStep(),
                v.getStatus().name(), v.getReason(), metrics, v.getCreatedAt().toEpochMilli());
    }
}
