package invthink.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The bytes are not in Confluent's wire format (wrong magic byte or too short). */
public class WireFormatException extends SerializationException {

    public WireFormatException(String message) {
        super(message);
    }
}
