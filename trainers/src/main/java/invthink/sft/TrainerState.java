package invthink.sft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a checkpoint must remember to resume exactly: the optimizer step, the consumer offsets
 * of the traces fully trained on ({@code committed}), and — in the middle of a round — the
 * round's offset range, shuffle seed, epoch and the next batch. The round's traces are read
 * again from the range on resume, so every trace is trained on exactly as often as planned.
 */
public record TrainerState(long globalStep, Map<Integer, Long> committed, Round round, String versionId,
                           long truncated, long rejected) {

    public static final String FILE_NAME = "trainer_state.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A round: the traces in {@code [start, end)} per partition, trained for several epochs. */
    public record Round(Map<Integer, Long> start, Map<Integer, Long> end, long seed, int epoch, int nextBatch) {
        Round at(int epochNow, int batch) {
            return new Round(start, end, seed, epochNow, batch);
        }
    }

    public static TrainerState initial() {
        return new TrainerState(0, Map.of(), null, null, 0, 0);
    }

    public void write(Path dir) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("global_step", globalStep);
        n.set("committed_offsets", offsets(committed));
        if (round != null) {
            ObjectNode r = n.putObject("round");
            r.set("start_offsets", offsets(round.start()));
            r.set("end_offsets", offsets(round.end()));
            r.put("seed", round.seed());
            r.put("epoch", round.epoch());
            r.put("next_batch", round.nextBatch());
        }
        if (versionId != null) n.put("version_id", versionId);
        n.put("truncated_examples", truncated);
        n.put("rejected_examples", rejected);
        Files.writeString(dir.resolve(FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }

    public static TrainerState read(Path dir) throws IOException {
        JsonNode n = JSON.readTree(dir.resolve(FILE_NAME).toFile());
        Round round = null;
        if (n.hasNonNull("round")) {
            JsonNode r = n.get("round");
            round = new Round(offsets(r.get("start_offsets")), offsets(r.get("end_offsets")), r.get("seed").asLong(),
                    r.get("epoch").asInt(), r.get("next_batch").asInt());
        }
        return new TrainerState(n.get("global_step").asLong(), offsets(n.get("committed_offsets")), round,
                n.hasNonNull("version_id") ? n.get("version_id").asText() : null,
                n.path("truncated_examples").asLong(), n.path("rejected_examples").asLong());
    }

    private static ObjectNode offsets(Map<Integer, Long> m) {
        ObjectNode o = JSON.createObjectNode();
        new TreeMap<>(m).forEach((p, off) -> o.put(String.valueOf(p), off));
        return o;
    }

    private static Map<Integer, Long> offsets(JsonNode o) {
        Map<Integer, Long> m = new TreeMap<>();
        o.fields().forEachRemaining(e -> m.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
        return m;
    }
}
