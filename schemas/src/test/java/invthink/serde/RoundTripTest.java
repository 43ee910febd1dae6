package invthink.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import invthink.registry.EmbeddedSchemaRegistry;
import invthink.registry.RegistryConfig;
import invthink.registry.RegistryFixture;
import invthink.registry.SchemaRegistryClient;
import invthink.avro.Prompt;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        registry = RegistryFixture.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static List<SpecificRecord> records() {
        return RecordFixtures.all();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("records")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyRecordTypeSurvivesTheSerdeAndTheRegistry(SpecificRecord record) {
        Class type = record.getClass();
        // configure() path, as Kafka would do it from a properties file.
        SpecificAvroSerde serde = AvroSerdes.specific(type, Map.of(RegistryConfig.URL, registry.url()), false);
        String topic = "roundtrip-" + type.getSimpleName();
        byte[] bytes = serde.serializer().serialize(topic, record);
        assertEquals(0, bytes[0]);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertEquals(record.getSchema(), SchemaRegistryClient.forUrl(registry.url()).schemaById(id));

        // A separate deserializer with a cold cache, so the schema really comes over HTTP.
        SpecificAvroDeserializer<SpecificRecord> fresh = new SpecificAvroDeserializer<>(type,
                SchemaRegistryClient.forUrl(registry.url()));
        Object back = fresh.deserialize(topic, bytes);
        assertNotSame(record, back);
        assertEquals(record, back);
        assertEquals(record, serde.deserializer().deserialize(topic, bytes));
        // The reflective path chooses the class from the writer schema's name.
        SpecificAvroDeserializer<SpecificRecord> byName = new SpecificAvroDeserializer<>();
        byName.configure(Map.of(RegistryConfig.URL, registry.url()), false);
        assertEquals(record, byName.deserialize(topic, bytes));
        // Serializing again yields identical bytes (same id, cached).
        assertArrayEquals(bytes, serde.serializer().serialize(topic, record));
    }

    @Test
    void genericRecordsRoundTripAndNullsPassThrough() {
        SchemaRegistryClient client = SchemaRegistryClient.forUrl(registry.url());
        GenericAvroSerde serde = AvroSerdes.generic(client, Map.of(), true);
        GenericRecord prompt = new org.apache.avro.generic.GenericData.Record(RecordFixtures.prompt().getSchema());
        RecordFixtures.prompt().getSchema().getFields()
                .forEach(f -> prompt.put(f.name(), RecordFixtures.prompt().get(f.pos())));
        prompt.put("receivedAt", RecordFixtures.T.toEpochMilli());
        byte[] bytes = serde.serializer().serialize("generic", prompt);
        GenericRecord back = serde.deserializer().deserialize("generic", bytes);
        assertEquals("a1b2c3", back.get("id").toString());
        assertEquals(RecordFixtures.T.toEpochMilli(), back.get("receivedAt"));
        assertEquals(List.of("generic-key"), client.subjects().stream().filter(s -> s.startsWith("generic")).toList());
        assertNull(serde.serializer().serialize("generic", null));
        assertNull(serde.deserializer().deserialize("generic", null));
    }

    @Test
    void recordsOfEverySizeEncodeExactlyAsAvroDoesInTheSharedBuffer() throws Exception {
        SpecificAvroSerializer<Prompt> serializer = new SpecificAvroSerializer<>(SchemaRegistryClient.forUrl(registry.url()));
        // Small, then past the first buffer, then past the size a thread keeps, then small again.
        for (int size : new int[] {10, 5_000, 3_000_000, 12}) {
            Prompt prompt = RecordFixtures.prompt();
            prompt.setText("\u00e9t\u00e9 ".repeat(size / 5));
            byte[] framed = serializer.serialize("buffer-sizes", prompt);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(expected, null);
            new SpecificDatumWriter<>(Prompt.class).write(prompt, encoder);
            assertArrayEquals(expected.toByteArray(), Arrays.copyOfRange(framed, 5, framed.length), "size " + size);
        }
    }
}
