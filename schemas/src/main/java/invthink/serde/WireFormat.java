package invthink.serde;

/** Confluent's framing: magic byte 0, 4-byte big-endian schema id, then the Avro payload. */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /**
     * Reads the schema id from a framed payload.
     *
     * @throws WireFormatException naming the topic and what was found instead
     */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new WireFormatException("Record on topic " + topic + " is " + data.length
                    + " byte(s), shorter than the " + HEADER_SIZE + "-byte schema registry header");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new WireFormatException(String.format(
                    "Unknown magic byte 0x%02x on topic %s (expected 0x00): not written by a schema registry "
                            + "Avro serializer", data[0] & 0xff, topic));
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }

    /** Subject name under Confluent's default TopicNameStrategy. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
