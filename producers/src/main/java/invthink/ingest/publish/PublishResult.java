package invthink.ingest.publish;

import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What happened to one item.
 *
 * @param promptId  the prompt's id, or null when it was dead-lettered
 * @param duplicate whether the prompt was a recent duplicate (not sent again)
 * @param errorCode the dead letter's reason code, or null
 * @param reason    the dead letter's reason, or null
 * @param sends     the sends made for it (prompt, response, dead letter), to wait on for acks
 */
public record PublishResult(String promptId, boolean duplicate, String errorCode, String reason,
                            List<Future<RecordMetadata>> sends) {

    public boolean accepted() {
        return promptId != null;
    }
}
