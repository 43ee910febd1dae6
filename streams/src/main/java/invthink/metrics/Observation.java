package invthink.metrics;

import invthink.avro.Refusal;
import invthink.avro.SafetyScore;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The part of a score the metric windows need, in 15 bytes on the internal repartition topic
 * instead of a full Avro record (and no registry subject for an internal topic).
 */
public record Observation(boolean harmful, int harmfulness, boolean refused, Boolean promptHarmful, long eventAt) {

    private static final int SIZE = 1 + 4 + 1 + 1 + 8;

    public static Observation of(SafetyScore score, long eventAt) {
        return new Observation(score.getHarmful(), score.getHarmfulness(), score.getRefusal() != Refusal.NONE,
                score.getPromptHarmful(), eventAt);
    }

    public static Serde<Observation> serde() {
        Serializer<Observation> ser = (topic, o) -> o == null ? null : ByteBuffer.allocate(SIZE)
                .put((byte) (o.harmful ? 1 : 0)).putInt(o.harmfulness).put((byte) (o.refused ? 1 : 0))
                .put((byte) (o.promptHarmful == null ? 2 : o.promptHarmful ? 1 : 0)).putLong(o.eventAt).array();
        Deserializer<Observation> de = (topic, b) -> {
            if (b == null) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.wrap(b);
            boolean harmful = buf.get() == 1;
            int h = buf.getInt();
            boolean refused = buf.get() == 1;
            byte p = buf.get();
            return new Observation(harmful, h, refused, p == 2 ? null : p == 1, buf.getLong());
        };
        return Serdes.serdeFrom(ser, de);
    }
}
