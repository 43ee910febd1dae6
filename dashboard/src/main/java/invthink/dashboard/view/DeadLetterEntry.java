package invthink.dashboard.view;

import invthink.avro.DeadLetter;

/**
 * A dead letter as the page lists it: where it came from and why, never its bytes — the original
 * value may be an unredacted prompt, so only its size is shown.
 */
public record DeadLetterEntry(String stage, String errorClass, String reason, String originalTopic,
                              Integer partition, Long offset, String source, int valueBytes, long time) {

    static final int MAX_REASON = 500;

    public static DeadLetterEntry of(DeadLetter d) {
        return new DeadLetterEntry(d.getStage(), d.getErrorClass(), TextMask.mask(d.getReason(), MAX_REASON),
                d.getOriginalTopic(), d.getPartition(), d.getOffset(), TextMask.mask(d.getSource(), 200),
                d.getOriginalValue() == null ? 0 : d.getOriginalValue().remaining(), d.getTime().toEpochMilli());
    }
}
