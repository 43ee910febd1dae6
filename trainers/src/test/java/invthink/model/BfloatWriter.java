package invthink.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import invthink.checkpoint.Safetensors;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a BF16 safetensors file by hand, as Qwen and Llama checkpoints ship. */
final class BfloatWriter {

    private BfloatWriter() {}

    static void write(Path file, List<Safetensors.Tensor> tensors) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Safetensors.Tensor t : tensors) {
            ObjectNode info = header.putObject(t.name());
            info.put("dtype", "BF16");
            var shape = info.putArray("shape");
            for (long d : t.shape()) shape.add(d);
            long start = data.size();
            ByteBuffer in = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            while (in.hasRemaining()) {
                int bits = Float.floatToIntBits(in.getFloat()) >>> 16;
                data.write(bits & 0xFF);
                data.write((bits >>> 8) & 0xFF);
            }
            info.putArray("data_offsets").add(start).add(data.size());
        }
        byte[] h = json.writeValueAsBytes(header);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(data.toByteArray());
        Files.write(file, out.array());
    }
}
