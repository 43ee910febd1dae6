package invthink.dashboard.live;

import java.nio.charset.StandardCharsets;

/**
 * One update: {@code type} names what changed (metric, model, flagged, ...), {@code data} is its
 * JSON. {@code seq} numbers events within one server's life; {@code frame} is the event as
 * written on the wire, encoded once for every client.
 */
public record LiveEvent(long seq, String type, String data, byte[] frame) {

    static LiveEvent of(String boot, long seq, String type, String data) {
        String frame = "id: " + boot + "-" + seq + "\nevent: " + type + "\ndata: " + data + "\n\n";
        return new LiveEvent(seq, type, data, frame.getBytes(StandardCharsets.UTF_8));
    }
}
