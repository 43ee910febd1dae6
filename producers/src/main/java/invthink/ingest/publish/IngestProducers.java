package invthink.ingest.publish;

import invthink.serde.SpecificAvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The ingest producer: idempotent, {@code acks=all}, lz4-compressed, batched for throughput.
 * These are defaults: a key the user's client configuration sets passes through unchanged.
 */
public final class IngestProducers {

    /** Enough linger to fill batches from a fast file, short enough not to be felt on a live log. */
    static final int LINGER_MS = 10;
    static final int BATCH_BYTES = 256 * 1024;
    static final String COMPRESSION = "lz4";

    private IngestProducers() {
    }

    /** Producer settings: ours as defaults under the user's. */
    public static Map<String, Object> config(Map<String, Object> userConfig, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.putAll(userConfig);
        return config;
    }

    /**
     * A producer of Avro records (and raw {@code byte[]} values for internal state such as read
     * positions), keys as bytes; {@code transactionalId} null for none.
     */
    public static KafkaProducer<byte[], Object> create(Map<String, Object> userConfig, String clientId,
                                                                String transactionalId) {
        Map<String, Object> config = config(userConfig, clientId);
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        SpecificAvroSerializer<SpecificRecord> avro = new SpecificAvroSerializer<>();
        avro.configure(config, false);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ValueSerializer(avro));
    }

    /** Avro for generated records, bytes as they are. */
    private record ValueSerializer(SpecificAvroSerializer<SpecificRecord> avro) implements Serializer<Object> {
        @Override
        public byte[] serialize(String topic, Object data) {
            if (data == null || data instanceof byte[]) {
                return (byte[]) data;
            }
            if (data instanceof SpecificRecord record) {
                return avro.serialize(topic, record);
            }
            throw new IllegalArgumentException("cannot serialize " + data.getClass().getName());
        }

        @Override
        public void close() {
            avro.close();
        }
    }
}
