package invthink.serde;

import invthink.registry.RegistryConfig;
import invthink.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde for generic records; serializer and deserializer share one registry client. */
public class GenericAvroSerde implements Serde<GenericRecord> {

    private final GenericAvroSerializer serializer;
    private final GenericAvroDeserializer deserializer;
    private SchemaRegistryClient client;

    public GenericAvroSerde() {
        this(null);
    }

    /** @param client null to create one in {@link #configure} */
    public GenericAvroSerde(SchemaRegistryClient client) {
        this.client = client;
        this.serializer = new GenericAvroSerializer(client);
        this.deserializer = new GenericAvroDeserializer(client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = SchemaRegistryClient.create(new RegistryConfig(configs));
            serializer.attach(client);
            deserializer.attach(client);
        }
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }
}
