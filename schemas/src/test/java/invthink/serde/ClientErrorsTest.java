package invthink.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import invthink.avro.Prompt;
import invthink.avro.Response;
import invthink.registry.EmbeddedSchemaRegistry;
import invthink.registry.RegistryConfig;
import invthink.registry.RegistryFixture;
import invthink.registry.RegistryUnreachableException;
import invthink.registry.SchemaRegistryClient;
import invthink.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientErrorsTest {

    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        registry = RegistryFixture.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static SpecificAvroDeserializer<Prompt> deserializer() {
        return new SpecificAvroDeserializer<>(Prompt.class, SchemaRegistryClient.forUrl(registry.url()));
    }

    @Test
    void wrongMagicByteNamesTheByteFound() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> deserializer().deserialize("t", new byte[] {0x7b, 0, 0, 0, 1, 2}));
        assertTrue(e.getMessage().contains("0x7b"), e.getMessage());
        assertTrue(e.getMessage().contains("topic t"), e.getMessage());
    }

    @Test
    void tooShortPayloadIsRejected() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> deserializer().deserialize("t", new byte[] {0, 0, 1}));
        assertTrue(e.getMessage().contains("3 byte(s)"), e.getMessage());
    }

    @Test
    void unknownSchemaIdFailsWith40403() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer().deserialize("t", new byte[] {0, 0, 0, 0x30, 0x39, 2}));
        assertTrue(e.getMessage().contains("Unknown schema id 12345"), e.getMessage());
        SchemaRegistryException cause = assertInstanceOf(SchemaRegistryException.class, e.getCause());
        assertEquals(404, cause.httpStatus());
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, cause.errorCode());
    }

    @Test
    void unreachableRegistryFailsAfterBoundedRetriesNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of(RegistryConfig.URL, url,
                RegistryConfig.MAX_RETRIES, "2", RegistryConfig.RETRIES_WAIT_MS, "5"));
        RegistryUnreachableException e = assertThrows(RegistryUnreachableException.class, () -> client.schemaById(1));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempt(s)"), e.getMessage());

        SpecificAvroSerializer<Prompt> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(RegistryConfig.URL, url, RegistryConfig.MAX_RETRIES, 0), false);
        SerializationException wrapped = assertThrows(SerializationException.class,
                () -> serializer.serialize("t", RecordFixtures.prompt()));
        assertTrue(wrapped.getMessage().contains(url), wrapped.getMessage());
    }

    @Test
    void failsOverToTheNextUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of(RegistryConfig.URL,
                "http://127.0.0.1:" + closedPort + "," + registry.url(), RegistryConfig.MAX_RETRIES, 0));
        assertTrue(client.subjects() instanceof List<?>);
        int id = client.register("failover-value", Prompt.getClassSchema());
        assertEquals(Prompt.getClassSchema(), client.schemaById(id));
    }

    @Test
    void basicAuthHeaderIsSentAndSecretsAreNotPrinted() throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            paths.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", RegistryConfig.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try {
            Map<String, Object> config = Map.of(
                    RegistryConfig.URL, "http://127.0.0.1:" + stub.getAddress().getPort() + "/apis/ccompat/v7/",
                    RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                    RegistryConfig.BASIC_AUTH_USER_INFO, "alice:s3cret");
            SpecificAvroSerializer<Prompt> serializer = new SpecificAvroSerializer<>();
            serializer.configure(config, false);
            byte[] bytes = serializer.serialize("topic", RecordFixtures.prompt());
            assertEquals(7, java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt());
            assertEquals(List.of("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(
                    StandardCharsets.UTF_8))), authorizations);
            assertEquals(List.of("/apis/ccompat/v7/subjects/topic-value/versions " + RegistryConfig.CONTENT_TYPE),
                    paths);

            SchemaRegistryClient client = SchemaRegistryClient.create(config);
            assertFalse(client.toString().contains("s3cret"), client.toString());
            assertFalse(new RegistryConfig(config).toString().contains("s3cret"));
            assertTrue(new RegistryConfig(config).toString().contains("[hidden]"));
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void autoRegisterOffWithAnUnregisteredSchemaFailsClearly() {
        SpecificAvroSerializer<Response> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(RegistryConfig.URL, registry.url(), RegistryConfig.AUTO_REGISTER_SCHEMAS, "false"),
                false);
        SerializationException e = assertThrows(SerializationException.class,
                () -> serializer.serialize("noauto", RecordFixtures.all().stream()
                        .filter(Response.class::isInstance).map(Response.class::cast).findFirst().orElseThrow()));
        assertTrue(e.getMessage().contains("auto.register.schemas=false"), e.getMessage());
        assertTrue(e.getMessage().contains("noauto-value"), e.getMessage());
        SchemaRegistryException cause = assertInstanceOf(SchemaRegistryException.class, e.getCause());
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND, cause.errorCode());

        // Once registered by someone else, the look-up succeeds and uses that id.
        int id = SchemaRegistryClient.forUrl(registry.url()).register("noauto-value", Response.getClassSchema());
        Response response = (Response) RecordFixtures.all().get(3);
        byte[] bytes = serializer.serialize("noauto", response);
        assertEquals(id, java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt());
    }
}
