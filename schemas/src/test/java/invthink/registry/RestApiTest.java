package invthink.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Config, compatibility and the remaining endpoints, over raw HTTP and through the client. */
class RestApiTest {

    private static final Schema V1 = SchemaBuilder.record("Item").namespace("api").fields()
            .requiredString("a").endRecord();
    /** Removes 'a' and adds 'b' without default: neither backward nor forward compatible. */
    private static final Schema BREAKING = SchemaBuilder.record("Item").namespace("api").fields()
            .requiredString("b").endRecord();
    /** Adds an optional field: backward compatible; forward too, since v1 readers ignore it. */
    private static final Schema ADDS_OPTIONAL = SchemaBuilder.record("Item").namespace("api").fields()
            .requiredString("a").optionalString("c").endRecord();
    /** Drops 'a' (no default in v1): forward incompatible, backward compatible. */
    private static final Schema DROPS_A = SchemaBuilder.record("Item").namespace("api").fields()
            .optionalString("c").endRecord();

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
    void globalAndSubjectConfig() {
        RawHttp.Reply global = RawHttp.send("GET", registry.url() + "/config", null);
        assertEquals(200, global.status());
        assertEquals("BACKWARD", global.body().get("compatibilityLevel").asText());

        RawHttp.Reply none = RawHttp.send("GET", registry.url() + "/config/cfg-value", null);
        assertEquals(404, none.status());
        assertEquals(40408, none.body().get("error_code").asInt());
        assertEquals("BACKWARD", RawHttp.send("GET", registry.url() + "/config/cfg-value?defaultToGlobal=true", null)
                .body().get("compatibilityLevel").asText());

        RawHttp.Reply put = RawHttp.send("PUT", registry.url() + "/config/cfg-value", "{\"compatibility\":\"FORWARD\"}");
        assertEquals(200, put.status());
        assertEquals("FORWARD", put.body().get("compatibility").asText());
        assertEquals(CompatibilityLevel.FORWARD, client.compatibility("cfg-value"));
        assertEquals(CompatibilityLevel.BACKWARD, client.compatibility());

        RawHttp.Reply bad = RawHttp.send("PUT", registry.url() + "/config", "{\"compatibility\":\"SIDEWAYS\"}");
        assertEquals(422, bad.status());
        assertEquals(42203, bad.body().get("error_code").asInt());

        // FORWARD on this subject: dropping a required field is refused, adding one accepted.
        client.register("cfg-value", V1);
        assertTrue(client.isCompatible("cfg-value", ADDS_OPTIONAL));
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> client.register("cfg-value", DROPS_A));
        assertEquals(409, refused.httpStatus());
        // The same change is fine under BACKWARD on another subject.
        client.register("cfg2-value", V1);
        client.register("cfg2-value", DROPS_A);
    }

    @Test
    void compatibilityEndpointWithVerboseMessages() {
        client.register("compat-value", V1);
        RawHttp.Reply ok = RawHttp.send("POST", registry.url() + "/compatibility/subjects/compat-value/versions/latest",
                RawHttp.schemaBody(ADDS_OPTIONAL.toString()));
        assertEquals(200, ok.status());
        assertTrue(ok.body().get("is_compatible").asBoolean());
        RawHttp.Reply no = RawHttp.send("POST",
                registry.url() + "/compatibility/subjects/compat-value/versions/1?verbose=true",
                RawHttp.schemaBody(BREAKING.toString()));
        assertFalse(no.body().get("is_compatible").asBoolean());
        assertTrue(no.body().get("messages").get(0).asText().contains("READER_FIELD_MISSING_DEFAULT_VALUE"),
                no.body().toString());
        client.setCompatibility("compat-value", CompatibilityLevel.NONE);
        assertTrue(client.isCompatible("compat-value", BREAKING));
        assertEquals(404, RawHttp.send("POST", registry.url() + "/compatibility/subjects/compat-value/versions/9",
                RawHttp.schemaBody(BREAKING.toString())).status());
    }

    @Test
    void lookupVersionsSchemasAndErrors() {
        int id = client.register("look-value", V1);
        SchemaVersion found = client.lookup("look-value", V1);
        assertEquals(id, found.id());
        assertEquals(1, found.version());
        assertEquals("look-value", found.subject());

        SchemaRegistryException noSubject = assertThrows(SchemaRegistryException.class,
                () -> client.lookup("nobody-value", V1));
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, noSubject.errorCode());
        SchemaRegistryException noSchema = assertThrows(SchemaRegistryException.class,
                () -> client.lookup("look-value", BREAKING));
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, noSchema.errorCode());
        SchemaRegistryException noVersion = assertThrows(SchemaRegistryException.class,
                () -> client.version("look-value", 5));
        assertEquals(SchemaRegistryException.VERSION_NOT_FOUND, noVersion.errorCode());

        RawHttp.Reply raw = RawHttp.send("GET", registry.url() + "/subjects/look-value/versions/1/schema", null);
        assertEquals(V1, new Schema.Parser().parse(raw.body().toString()));
        assertEquals("[\"AVRO\"]", RawHttp.send("GET", registry.url() + "/schemas/types", null).body().toString());
        assertEquals("{}", RawHttp.send("GET", registry.url() + "/", null).body().toString());

        RawHttp.Reply invalid = RawHttp.send("POST", registry.url() + "/subjects/look-value/versions",
                RawHttp.schemaBody("{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"f\",\"type\":\"nope\"}]}"));
        assertEquals(422, invalid.status());
        assertEquals(42201, invalid.body().get("error_code").asInt());
        RawHttp.Reply unknown = RawHttp.send("GET", registry.url() + "/nothing/here", null);
        assertEquals(404, unknown.status());
        assertEquals(404, unknown.body().get("error_code").asInt());
    }

    @Test
    void softDeleteHidesTheSubjectButKeepsIds() {
        int id = client.register("gone-value", V1);
        assertEquals(java.util.List.of(1), client.deleteSubject("gone-value"));
        assertFalse(client.subjects().contains("gone-value"));
        assertTrue(RawHttp.send("GET", registry.url() + "/subjects?deleted=true", null).body().toString()
                .contains("gone-value"));
        assertEquals(V1, client.schemaById(id));
        // Registering again creates version 2 with the same global id.
        assertEquals(id, client.register("gone-value", V1));
        assertEquals(2, client.latest("gone-value").version());
    }
}
