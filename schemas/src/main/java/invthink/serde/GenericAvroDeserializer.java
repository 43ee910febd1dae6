package invthink.serde;

import invthink.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;

/** Deserializes into {@link GenericRecord}s carrying the writer's schema. */
public class GenericAvroDeserializer extends AvroDeserializer<GenericRecord> {

    public GenericAvroDeserializer() {
        super(null);
    }

    public GenericAvroDeserializer(SchemaRegistryClient client) {
        super(client);
    }

    @Override
    protected DatumReader<GenericRecord> readerFor(Schema writer) {
        return new GenericDatumReader<>(writer, writer, GenericData.get());
    }
}
