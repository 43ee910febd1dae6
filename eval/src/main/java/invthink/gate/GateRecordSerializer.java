package invthink.gate;

import invthink.avro.DeadLetter;
import invthink.avro.ModelVersion;
import invthink.serde.AvroSerdes;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serialises both kinds of record the gate writes, so that one transactional producer carries
 * decisions, dead letters and the gate's read position in the same transactions.
 */
final class GateRecordSerializer implements Serializer<Object> {

    private final Serializer<ModelVersion> versions;
    private final Serializer<DeadLetter> letters;

    GateRecordSerializer(Map<String, Object> config) {
        this.versions = AvroSerdes.specific(ModelVersion.class, config, false).serializer();
        this.letters = AvroSerdes.specific(DeadLetter.class, config, false).serializer();
    }

    @Override
    public byte[] serialize(String topic, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof ModelVersion v) {
            return versions.serialize(topic, v);
        }
        if (value instanceof DeadLetter d) {
            return letters.serialize(topic, d);
        }
        throw new IllegalArgumentException("the gate writes ModelVersion and DeadLetter records, not " + value.getClass());
    }

    @Override
    public void close() {
        versions.close();
        letters.close();
    }
}
