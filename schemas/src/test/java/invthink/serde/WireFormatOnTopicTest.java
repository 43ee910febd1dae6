package invthink.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import invthink.avro.Prompt;
import invthink.registry.EmbeddedSchemaRegistry;
import invthink.registry.RegistryConfig;
import invthink.registry.RegistryFixture;
import invthink.testkit.SharedKafka;
import invthink.topic.TopicCreator;
import invthink.topic.TopicSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Reads our bytes exactly as a third-party client would: plain consumer, plain HTTP, plain Avro. */
class WireFormatOnTopicTest {

    @Test
    void bytesOnTheTopicAreConfluentFramedAndDecodableWithoutOurCode() throws Exception {
        String topic = SharedKafka.uniqueTopic("wire");
        try (Admin admin = SharedKafka.admin()) {
            TopicCreator.ensure(admin, List.of(new TopicSpec(topic, 1, false, -1)));
        }
        try (EmbeddedSchemaRegistry registry = RegistryFixture.start()) {
            Map<String, Object> producerConfig = SharedKafka.clientConfig(Map.of(
                    RegistryConfig.URL, registry.url(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class));
            try (KafkaProducer<String, Prompt> producer = new KafkaProducer<>(producerConfig)) {
                producer.send(new ProducerRecord<>(topic, "a1b2c3", RecordFixtures.prompt())).get();
            }

            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(SharedKafka.clientConfig(Map.of(
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                while (records.isEmpty()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
            }
            byte[] value = records.get(0).value();
            assertEquals(0, value[0]);
            int id = ByteBuffer.wrap(value, 1, 4).getInt();

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(registry.url() + "/schemas/ids/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            Schema schema = new Schema.Parser().parse(new ObjectMapper().readTree(response.body()).get("schema").asText());
            GenericRecord decoded = new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
            assertEquals("a1b2c3", decoded.get("id").toString());
            assertEquals("How do I store insulin?", decoded.get("text").toString());
            assertEquals("medicine", decoded.get("domain").toString());
            assertEquals(RecordFixtures.T.toEpochMilli(), decoded.get("receivedAt"));
            assertEquals(2, ((Map<?, ?>) decoded.get("redactions")).values().iterator().next());
        }
    }
}
