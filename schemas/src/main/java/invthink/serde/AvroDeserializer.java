package invthink.serde;

import invthink.registry.RegistryConfig;
import invthink.registry.SchemaRegistryClient;
import invthink.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro. Thread-safe: one resolving reader per writer schema id is shared,
 * decoders are reused per thread.
 */
public abstract class AvroDeserializer<T> implements Deserializer<T> {

    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private volatile SchemaRegistryClient client;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** @param client null to create one from the configuration in {@link #configure} */
    protected AvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
    }

    void attach(SchemaRegistryClient shared) {
        if (client == null) {
            client = shared;
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = SchemaRegistryClient.create(new RegistryConfig(configs));
        }
        readers.clear();
    }

    /** A reader that resolves data written with {@code writer} to what this deserializer returns. */
    protected abstract DatumReader<T> readerFor(Schema writer);

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = WireFormat.schemaId(topic, data);
        DatumReader<T> reader = readers.get(id);
        if (reader == null) {
            reader = readerFor(writerSchema(topic, id));
            readers.put(id, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                data.length - WireFormat.HEADER_SIZE, DECODERS.get());
        DECODERS.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not decode Avro record with schema id " + id + " on topic "
                    + topic + ": " + e, e);
        }
    }

    private Schema writerSchema(String topic, int id) {
        SchemaRegistryClient registry = client;
        if (registry == null) {
            throw new IllegalStateException("deserializer not configured: call configure() or pass a client");
        }
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            String what = e.isNotFound() ? "Unknown schema id " + id : "Could not fetch schema id " + id;
            throw new SerializationException(what + " for record on topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        readers.clear();
    }
}
