package invthink.serde;

import invthink.registry.RegistryConfig;
import invthink.registry.SchemaRegistryClient;
import invthink.registry.SchemaRegistryException;
import invthink.registry.SchemaVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records in Confluent's wire format. Thread-safe.
 *
 * <p>Hot path: after the first record of a schema on a topic, serializing costs one map look-up,
 * the Avro encoding into a per-thread reusable buffer, and the copy of the result; the registry is
 * not contacted again.
 */
public abstract class AvroSerializer<T> implements Serializer<T> {

    private record Target(String topic, Schema schema) {
    }

    private record Resolved(String topic, Schema schema, int id, DatumWriter<Object> writer) {
    }

    /**
     * Per-thread output buffer and encoder, reused across records and serializers. Not a
     * ByteArrayOutputStream: its methods are synchronized, and the encoder writes each varint a
     * byte at a time, so the lock alone cost a sixth of encoding a prompt.
     */
    private static final class Buffer extends OutputStream {
        private static final int KEEP_LIMIT = 1 << 20;
        private byte[] buf = new byte[512];
        private int count;
        BinaryEncoder encoder;

        void reset() {
            count = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        boolean oversized() {
            return buf.length > KEEP_LIMIT;
        }

        private void ensure(int more) {
            if (more > buf.length - count) {
                buf = Arrays.copyOf(buf, Math.max(buf.length << 1, Math.addExact(count, more)));
            }
        }
    }

    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private volatile SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatestVersion;
    private final Map<Target, Resolved> resolved = new ConcurrentHashMap<>();
    private volatile Resolved last;

    /** @param client null to create one from the configuration in {@link #configure} */
    protected AvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    void attach(SchemaRegistryClient shared) {
        if (client == null) {
            client = shared;
        }
    }

    /**
     * Reads {@link RegistryConfig#AUTO_REGISTER_SCHEMAS}, {@link RegistryConfig#USE_LATEST_VERSION}
     * and, unless a client was given, the registry connection settings.
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistryConfig config = new RegistryConfig(configs);
        if (client == null) {
            client = SchemaRegistryClient.create(config);
        }
        this.isKey = isKey;
        this.autoRegister = config.autoRegisterSchemas();
        this.useLatestVersion = config.useLatestVersion();
        resolved.clear();
        last = null;
    }

    /** Sets auto.register.schemas without a configuration map; a later configure() overrides it. */
    public AvroSerializer<T> withAutoRegister(boolean autoRegisterSchemas) {
        this.autoRegister = autoRegisterSchemas;
        return this;
    }

    protected abstract Schema schemaOf(T data);

    protected abstract DatumWriter<Object> writerFor(Schema schema, T sample);

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Schema schema = schemaOf(data);
        Resolved target = last;
        if (target == null || target.schema() != schema || !target.topic().equals(topic)) {
            target = resolved.get(new Target(topic, schema));
            if (target == null) {
                target = resolve(topic, schema, data);
                resolved.put(new Target(topic, schema), target);
            }
            last = target;
        }
        Buffer buffer = BUFFERS.get();
        buffer.reset();
        try {
            buffer.write(WireFormat.MAGIC_BYTE);
            int id = target.id();
            buffer.write(id >>> 24);
            buffer.write(id >>> 16);
            buffer.write(id >>> 8);
            buffer.write(id);
            buffer.encoder = EncoderFactory.get().directBinaryEncoder(buffer, buffer.encoder);
            target.writer().write(data, buffer.encoder);
            buffer.encoder.flush();
            return buffer.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not encode " + schema.getFullName() + " with schema id "
                    + target.id() + " for topic " + topic + ": " + e.getMessage(), e);
        } finally {
            if (buffer.oversized()) {
                BUFFERS.remove();
            }
        }
    }

    private Resolved resolve(String topic, Schema schema, T sample) {
        SchemaRegistryClient registry = client;
        if (registry == null) {
            throw new IllegalStateException("serializer not configured: call configure() or pass a client");
        }
        String subject = WireFormat.subject(topic, isKey);
        int id;
        try {
            if (useLatestVersion) {
                SchemaVersion latest = registry.latest(subject);
                if (!latest.parsed().equals(schema)) {
                    throw new SerializationException("use.latest.version: latest version " + latest.version()
                            + " of subject " + subject + " (id " + latest.id() + ") differs from the record's schema "
                            + schema.getFullName());
                }
                id = latest.id();
            } else if (autoRegister) {
                id = registry.register(subject, schema);
            } else {
                id = registry.lookup(subject, schema).id();
            }
        } catch (SchemaRegistryException e) {
            String action = useLatestVersion ? "find the latest version of"
                    : autoRegister ? "register schema " + schema.getFullName() + " under"
                    : "find schema " + schema.getFullName() + " (auto.register.schemas=false) under";
            throw new SerializationException("Could not " + action + " subject " + subject + ": " + e.getMessage(), e);
        }
        return new Resolved(topic, schema, id, writerFor(schema, sample));
    }

    @Override
    public void close() {
        // The client owns no threads or sockets that outlive their requests.
    }
}
