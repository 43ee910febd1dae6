package invthink.serde;

import invthink.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumWriter;

/** Serializes {@link GenericRecord}s under their own schema. */
public class GenericAvroSerializer extends AvroSerializer<GenericRecord> {

    public GenericAvroSerializer() {
        super(null);
    }

    public GenericAvroSerializer(SchemaRegistryClient client) {
        super(client);
    }

    @Override
    protected Schema schemaOf(GenericRecord data) {
        return data.getSchema();
    }

    @Override
    protected DatumWriter<Object> writerFor(Schema schema, GenericRecord sample) {
        return new GenericDatumWriter<>(schema, GenericData.get());
    }
}
