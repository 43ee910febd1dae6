package invthink.serde;

import invthink.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Serializes generated Avro classes, with their logical-type conversions. */
public class SpecificAvroSerializer<T extends SpecificRecord> extends AvroSerializer<T> {

    /** For Kafka's reflective construction; needs {@link #configure}. */
    public SpecificAvroSerializer() {
        super(null);
    }

    public SpecificAvroSerializer(SchemaRegistryClient client) {
        super(client);
    }

    @Override
    protected Schema schemaOf(T data) {
        return data.getSchema();
    }

    @Override
    protected DatumWriter<Object> writerFor(Schema schema, T sample) {
        return new SpecificDatumWriter<>(schema, SpecificData.getForClass(sample.getClass()));
    }
}
