package invthink.serde;

import invthink.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/** Serde for one generated Avro class; serializer and deserializer share one registry client. */
public class SpecificAvroSerde<T extends SpecificRecord> extends AvroSerde<T> {

    public SpecificAvroSerde(Class<T> type) {
        this(type, null);
    }

    /** @param client null to create one in {@link #configure} */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
        super(new SpecificAvroSerializer<>(client), new SpecificAvroDeserializer<>(type, client), client);
    }
}
