package invthink.serde;

import invthink.registry.RegistryConfig;
import invthink.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde for one generated Avro class; serializer and deserializer share one registry client. */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SpecificAvroSerializer<T> serializer;
    private final SpecificAvroDeserializer<T> deserializer;
    private SchemaRegistryClient client;

    public SpecificAvroSerde(Class<T> type) {
        this(type, null);
    }

    /** @param client null to create one in {@link #configure} */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
        this.client = client;
        this.serializer = new SpecificAvroSerializer<>(client);
        this.deserializer = new SpecificAvroDeserializer<>(type, client);
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
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
