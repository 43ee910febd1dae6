package invthink.serde;

import invthink.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Deserializes into a generated class, resolving each writer schema against the class's own
 * schema, so records written with an older compatible schema still read (new fields get their
 * defaults).
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> extends AvroDeserializer<T> {

    private final Class<T> type;

    /**
     * For Kafka's reflective construction: the class is chosen from each writer schema's full name,
     * as Confluent's {@code specific.avro.reader=true} does.
     */
    public SpecificAvroDeserializer() {
        this(null, null);
    }

    public SpecificAvroDeserializer(Class<T> type) {
        this(type, null);
    }

    /**
     * @param type   the generated class to read into; null to pick it by writer schema name
     * @param client null to create one in {@link #configure}
     */
    public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        super(client);
        this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected DatumReader<T> readerFor(Schema writer) {
        Class<?> target = type != null ? type : SpecificData.get().getClass(writer);
        if (target == null || !SpecificRecord.class.isAssignableFrom(target)) {
            throw new SerializationException("No generated class for writer schema " + writer.getFullName()
                    + " on the classpath");
        }
        SpecificData model = SpecificData.getForClass(target);
        return new SpecificDatumReader<>(writer, model.getSchema(target), model);
    }
}
