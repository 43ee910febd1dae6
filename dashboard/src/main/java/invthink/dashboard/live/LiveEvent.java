package invthink.dashboard.live;

/**
 * One update: {@code type} names what changed (metric, model, flagged, ...), {@code data} is its
 * JSON. {@code seq} numbers events within one server's life.
 */
public record LiveEvent(long seq, String type, String data) {
}
