package invthink.eval.report;

import invthink.avro.SafetyMetric;
import invthink.serde.AvroSerdes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a run's metric records to the metrics topic, Avro over the schema registry, and waits for
 * every acknowledgement: an evaluation is written once, so a lost record would be a lost result.
 */
public final class MetricPublisher {

    private MetricPublisher() {
    }

    /** @param kafkaConfig client configuration including bootstrap servers and {@code schema.registry.url}, passed through unchanged */
    public static int publish(Map<String, Object> kafkaConfig, String topic, List<SafetyMetric> metrics)
            throws InterruptedException, ExecutionException {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        try (var serde = AvroSerdes.specific(SafetyMetric.class, config, false);
             KafkaProducer<String, SafetyMetric> producer = new KafkaProducer<>(config, new StringSerializer(), serde.serializer())) {
            List<Future<RecordMetadata>> sent = metrics.stream()
                    .map(m -> producer.send(new ProducerRecord<>(topic, MetricRecords.key(m), m))).toList();
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
            return sent.size();
        }
    }
}
