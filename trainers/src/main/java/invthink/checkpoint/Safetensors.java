package invthink.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safetensors format, read and written plainly: an 8-byte little-endian header length, a
 * JSON header of {@code name → {dtype, shape, data_offsets}}, then the raw little-endian data.
 * Reading widens BF16 and F16 to F32 (DJL cannot compute in bf16); writing is always F32.
 * A sharded checkpoint ({@code model.safetensors.index.json}) reads as one.
 */
public final class Safetensors {

    public static final String MODEL_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tensor as FP32 little-endian bytes. */
    public record Tensor(String name, long[] shape, ByteBuffer data) {
        public long elements() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }
    }

    private Safetensors() {}

    /** The files holding a checkpoint's weights: the single file, or every shard of the index. */
    public static List<Path> weightFiles(Path dir) {
        Path single = dir.resolve(MODEL_FILE);
        if (Files.isRegularFile(single)) return List.of(single);
        Path index = dir.resolve(INDEX_FILE);
        if (!Files.isRegularFile(index)) {
            throw new IllegalArgumentException("no " + MODEL_FILE + " or " + INDEX_FILE + " in " + dir);
        }
        try {
            Set<String> shards = new LinkedHashSet<>();
            JSON.readTree(index.toFile()).path("weight_map").forEach(n -> shards.add(n.asText()));
            return shards.stream().map(dir::resolve).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header of one file: tensor name → {dtype, shape, data_offsets}, metadata removed. */
    public static Map<String, JsonNode> header(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            JsonNode header = readHeader(ch);
            Map<String, JsonNode> out = new LinkedHashMap<>();
            header.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("__metadata__")) out.put(e.getKey(), e.getValue());
            });
            return out;
        }
    }

    /** Calls {@code sink} once per tensor, in file order, with its data widened to FP32. */
    public static void read(Path file, java.util.function.Consumer<Tensor> sink) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            JsonNode header = readHeader(ch);
            long base = 8 + headerLength(ch);
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) continue;
                JsonNode info = e.getValue();
                long[] shape = new long[info.get("shape").size()];
                for (int i = 0; i < shape.length; i++) shape[i] = info.get("shape").get(i).asLong();
                long start = info.get("data_offsets").get(0).asLong();
                long end = info.get("data_offsets").get(1).asLong();
                ByteBuffer raw = ch.map(FileChannel.MapMode.READ_ONLY, base + start, end - start).order(ByteOrder.LITTLE_ENDIAN);
                sink.accept(new Tensor(e.getKey(), shape, toFloat32(info.get("dtype").asText(), raw, e.getKey())));
            }
        }
    }

    /** Writes {@code tensors} (FP32 little-endian data) in the given order. */
    public static void write(Path file, List<Tensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Tensor t : tensors) {
            ObjectNode info = header.putObject(t.name());
            info.put("dtype", "F32");
            var shape = info.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            long bytes = t.data().remaining();
            if (bytes != t.elements() * 4) {
                throw new IllegalArgumentException(t.name() + ": " + bytes + " bytes for " + t.elements() + " floats");
            }
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).flip();
            writeFully(out, len);
            writeFully(out, ByteBuffer.wrap(headerBytes));
            for (Tensor t : tensors) writeFully(out, t.data().duplicate());
            out.force(true);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }

    private static long headerLength(FileChannel ch) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(len, 0);
        long n = len.flip().getLong();
        if (n <= 0 || n > 100_000_000) throw new IOException("not a safetensors file (header length " + n + ")");
        return n;
    }

    private static JsonNode readHeader(FileChannel ch) throws IOException {
        int n = Math.toIntExact(headerLength(ch));
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (ch.read(buf, 8 + buf.position()) < 0) throw new IOException("truncated safetensors header");
        }
        return JSON.readTree(new String(buf.array(), StandardCharsets.UTF_8));
    }

    private static ByteBuffer toFloat32(String dtype, ByteBuffer raw, String name) {
        return switch (dtype) {
            // Copied out of the mapping: DJL may wrap the buffer without copying, and the
            // optimizer writes into weights in place.
            case "F32" -> ByteBuffer.allocateDirect(raw.remaining()).order(ByteOrder.LITTLE_ENDIAN).put(raw).flip();
            case "BF16" -> {
                int n = raw.remaining() / 2;
                ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) out.putInt((raw.getShort(2 * i) & 0xFFFF) << 16);
                yield out.flip();
            }
            case "F16" -> {
                int n = raw.remaining() / 2;
                ByteBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) out.putFloat(halfToFloat(raw.getShort(2 * i)));
                yield out.flip();
            }
            default -> throw new IllegalArgumentException("tensor " + name + " has unsupported dtype " + dtype);
        };
    }

    /** IEEE 754 half precision to single (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    static List<String> names(Path file) throws IOException {
        return new ArrayList<>(header(file).keySet());
    }
}
