package invthink.dashboard.view;

import java.util.List;

/**
 * One reading of the broker: each pipeline topic's end offset and write rate (the throughput of
 * the stage that writes it), and each consumer group's lag on the pipeline topics.
 */
public record Throughput(long time, List<TopicRate> topics, List<GroupLag> groups) {

    public Throughput {
        topics = List.copyOf(topics);
        groups = List.copyOf(groups);
    }

    /** @param perSecond records appended per second since the previous reading; null on the first */
    public record TopicRate(String topic, String stage, long endOffset, Double perSecond) {
    }

    /** @param lag records not yet consumed, summed over the group's partitions of pipeline topics */
    public record GroupLag(String group, long lag, List<String> topics) {
        public GroupLag {
            topics = List.copyOf(topics);
        }
    }
}
