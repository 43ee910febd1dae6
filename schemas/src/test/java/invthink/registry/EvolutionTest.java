package invthink.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.Prompt;
import invthink.serde.GenericAvroSerializer;
import invthink.serde.SpecificAvroDeserializer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvolutionTest {

    private static final Schema V1 = SchemaBuilder.record("User").namespace("test").fields()
            .requiredString("name").endRecord();
    private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("User").namespace("test").fields()
            .requiredString("name").name("age").type().intType().intDefault(-1).endRecord();
    private static final Schema V2_NO_DEFAULT = SchemaBuilder.record("User").namespace("test").fields()
            .requiredString("name").requiredInt("age").endRecord();
    private static final Schema V2_TYPE_CHANGE = SchemaBuilder.record("User").namespace("test").fields()
            .requiredInt("name").endRecord();

    private static EmbeddedSchemaRegistry registry;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void start() {
        registry = RegistryFixture.start();
        client = SchemaRegistryClient.forUrl(registry.url());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void incompatibleChangeIsRejectedWith409AndAvroDetails() {
        int id1 = client.register("users-value", V1);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register("users-value", V2_NO_DEFAULT));
        assertEquals(409, e.httpStatus());
        assertTrue(e.isIncompatible());
        assertTrue(e.registryMessage().startsWith(
                "Schema being registered is incompatible with an earlier schema for subject \"users-value\""),
                e.registryMessage());
        assertTrue(e.registryMessage().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), e.registryMessage());
        assertTrue(e.getMessage().contains("age"), e.getMessage());

        RawHttp.Reply raw = RawHttp.send("POST", registry.url() + "/subjects/users-value/versions",
                RawHttp.schemaBody(V2_TYPE_CHANGE.toString()));
        assertEquals(409, raw.status());
        assertEquals(409, raw.body().get("error_code").asInt());
        assertTrue(raw.body().get("message").asText().contains("TYPE_MISMATCH"), raw.body().toString());
        assertEquals(RegistryConfig.CONTENT_TYPE, raw.contentType());

        assertFalse(client.isCompatible("users-value", V2_NO_DEFAULT));
        assertTrue(client.isCompatible("users-value", V2_WITH_DEFAULT));
        assertEquals(List.of(1), client.versions("users-value"));

        int id2 = client.register("users-value", V2_WITH_DEFAULT);
        assertNotEquals(id1, id2);
        assertEquals(List.of(1, 2), client.versions("users-value"));
        SchemaVersion latest = client.latest("users-value");
        assertEquals(2, latest.version());
        assertEquals(id2, latest.id());
        assertEquals(V2_WITH_DEFAULT, latest.parsed());
    }

    @Test
    void recordsWrittenWithTheOldSchemaReadWithTheNewClass() {
        // v1 of Prompt lacks the 'metadata' field (which has a default in the generated class).
        Schema full = Prompt.getClassSchema();
        List<Schema.Field> fields = full.getFields().stream().filter(f -> !f.name().equals("metadata"))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        Schema v1 = Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "p1");
        old.put("text", "hello");
        old.put("source", "http");
        old.put("domain", null);
        old.put("hazardHints", List.of("S1"));
        old.put("receivedAt", 1234L);
        old.put("redactions", Map.of());

        GenericAvroSerializer writer = new GenericAvroSerializer(client);
        byte[] bytes = writer.serialize("evolve", old);
        int v2Id = client.register("evolve-value", full);
        assertEquals(List.of(1, 2), client.versions("evolve-value"));

        Prompt read = new SpecificAvroDeserializer<>(Prompt.class, SchemaRegistryClient.forUrl(registry.url()))
                .deserialize("evolve", bytes);
        assertEquals("p1", read.getId());
        assertEquals(List.of("S1"), read.getHazardHints());
        assertEquals(Map.of(), read.getMetadata());
        assertEquals(1234L, read.getReceivedAt().toEpochMilli());
        assertNotEquals(v2Id, java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt());
    }

    @Test
    void sameSchemaSameIdAcrossSubjectsAndSpellings() {
        Schema s = SchemaBuilder.record("Shared").namespace("test").fields().requiredLong("n").endRecord();
        int a = client.register("shared-a", s);
        assertEquals(a, client.register("shared-a", s));
        // Another subject, and different whitespace: the same global id.
        RawHttp.Reply reply = RawHttp.send("POST", registry.url() + "/subjects/shared-b/versions",
                RawHttp.schemaBody(s.toString(true)));
        assertEquals(200, reply.status());
        assertEquals(a, reply.body().get("id").asInt());
        // Only a default added: a different schema for resolution, so a different id.
        Schema withDefault = SchemaBuilder.record("Shared").namespace("test").fields().name("n").type().longType()
                .longDefault(0).endRecord();
        assertNotEquals(a, client.register("shared-c", withDefault));
        assertEquals(List.of("shared-a", "shared-b"),
                jsonStrings(RawHttp.send("GET", registry.url() + "/schemas/ids/" + a + "/subjects", null)));
    }

    private static List<String> jsonStrings(RawHttp.Reply reply) {
        List<String> values = new java.util.ArrayList<>();
        reply.body().forEach(n -> values.add(n.asText()));
        return values;
    }
}
