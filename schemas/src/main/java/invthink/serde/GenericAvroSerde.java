package invthink.serde;

import invthink.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;

/** Serde for generic records; serializer and deserializer share one registry client. */
public class GenericAvroSerde extends AvroSerde<GenericRecord> {

    public GenericAvroSerde() {
        this(null);
    }

    /** @param client null to create one in {@link #configure} */
    public GenericAvroSerde(SchemaRegistryClient client) {
        super(new GenericAvroSerializer(client), new GenericAvroDeserializer(client), client);
    }
}
