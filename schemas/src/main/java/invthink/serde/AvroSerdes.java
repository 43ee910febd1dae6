package invthink.serde;

import invthink.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Configured serdes in one call. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde whose registry client comes from {@code config} ({@code schema.registry.url} etc.). */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(Class<T> type, Map<String, ?> config,
            boolean isKey) {
        return specific(type, null, config, isKey);
    }

    /** A serde on an existing client; {@code config} supplies the serializer flags only. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(Class<T> type,
            SchemaRegistryClient client, Map<String, ?> config, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type, client);
        serde.configure(config, isKey);
        return serde;
    }

    public static GenericAvroSerde generic(Map<String, ?> config, boolean isKey) {
        return generic(null, config, isKey);
    }

    public static GenericAvroSerde generic(SchemaRegistryClient client, Map<String, ?> config, boolean isKey) {
        GenericAvroSerde serde = new GenericAvroSerde(client);
        serde.configure(config, isKey);
        return serde;
    }
}
