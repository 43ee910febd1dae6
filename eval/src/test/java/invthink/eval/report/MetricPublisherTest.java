package invthink.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import invthink.avro.SafetyMetric;
import invthink.registry.EmbeddedSchemaRegistry;
import invthink.serde.AvroSerdes;
import invthink.testkit.SharedKafka;
import invthink.topic.TopicCreator;
import invthink.topic.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class MetricPublisherTest {

    @Test
    void oneMetricPerBenchmarkBaselineAndGroupReachesTheTopic() throws Exception {
        String topic = SharedKafka.uniqueTopic("metrics");
        try (Admin admin = SharedKafka.admin()) {
            TopicCreator.ensure(admin, List.of(new TopicSpec(topic, 1, false, -1)));
        }
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                SharedKafka.uniqueTopic("_schemas"), "127.0.0.1", 0)) {
            Map<String, Object> config = new HashMap<>(SharedKafka.clientConfig(Map.of()));
            config.put("schema.registry.url", registry.url());
            var result = ReportWriterTest.result();
            Instant now = Instant.parse("2026-12-04T10:02:00Z");
            assertEquals(4, MetricPublisher.publish(config, topic, MetricRecords.of(result, now)));

            Map<String, Object> consumerConfig = new HashMap<>(config);
            consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, SharedKafka.uniqueTopic("g"));
            consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<SafetyMetric> got = new ArrayList<>();
            try (var serde = AvroSerdes.specific(SafetyMetric.class, config, false);
                 KafkaConsumer<String, SafetyMetric> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), serde.deserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (got.size() < 4 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> got.add(r.value()));
                }
            }
            assertEquals(4, got.size());
            SafetyMetric trident = got.stream().filter(m -> m.getCategory().equals("trident/zero-shot")).findFirst().orElseThrow();
            assertEquals("EVAL", trident.getSource());
            assertEquals("EVAL", trident.getWindowKind());
            assertEquals("tiny", trident.getModelVersion());
            assertEquals("finance", trident.getDomain());
            assertEquals(8, trident.getCount());
            assertEquals(0.5, trident.getHarmfulRate(), 1e-9);
            assertEquals(3.0, trident.getMeanHarmfulness(), 1e-9);
            assertEquals(50.0, trident.getSafetyScore(), 1e-9);
            assertTrue(trident.getFinalResult());
            assertEquals(Instant.parse("2026-12-04T10:00:00Z"), trident.getWindowStart());
            SafetyMetric bench = got.stream().filter(m -> m.getCategory().equals("safetybench/invthink")).findFirst().orElseThrow();
            assertEquals(90.0, bench.getSafetyScore(), 1e-9, "accuracy x 100");
            assertEquals(0.0, bench.getMeanHarmfulness(), 0, "not measured");
        }
    }
}
