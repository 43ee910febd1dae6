package invthink.testkit;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The one Kafka cluster of a test JVM: a combined KRaft controller+broker started on first use
 * and shut down when the JVM exits.
 */
public final class SharedKafka {

    private static final AtomicLong TOPIC_SEQUENCE = new AtomicLong();
    private static volatile KafkaClusterTestKit cluster;
    private static final java.util.List<Runnable> CLEANUP = new java.util.concurrent.CopyOnWriteArrayList<>();

    private SharedKafka() {
    }

    /** The cluster, started on first call. */
    public static synchronized KafkaClusterTestKit cluster() {
        if (cluster == null) {
            // The test kit registers shutdown hooks that delete its log directories. JVM hooks run
            // concurrently, so one could delete them under the still-running broker, whose log-dir
            // failure handler then halts the JVM with status 1 after every test passed. Those hooks
            // are collected here instead and run by ours, after the broker has stopped.
            Exit.setShutdownHookAdder((name, hook) -> CLEANUP.add(hook));
            try {
                cluster = start();
            } finally {
                Exit.resetShutdownHookAdder();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedKafka::stop, "shared-kafka-stop"));
        }
        return cluster;
    }

    public static String bootstrapServers() {
        return cluster().bootstrapServers();
    }

    /** Client properties with only {@code bootstrap.servers} set. */
    public static Properties clientProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    public static Admin admin() {
        return Admin.create(clientProperties());
    }

    /** A topic name no other test in this JVM uses. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + TOPIC_SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static KafkaClusterTestKit start() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    // One broker: every internal topic must fit on it.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka cluster", e);
        }
    }

    private static synchronized void stop() {
        // The JVM is exiting with the tests' verdict; a broker fault while it stops must not change it.
        Exit.setExitProcedure((status, message) -> { });
        Exit.setHaltProcedure((status, message) -> { });
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // A failed close leaves only temp files behind.
            }
            cluster = null;
        }
        CLEANUP.forEach(hook -> {
            try {
                hook.run();
            } catch (RuntimeException ignored) {
                // Temp files left behind.
            }
        });
    }

    /** Producer/consumer settings tests commonly add on top of {@link #clientProperties()}. */
    public static Map<String, Object> clientConfig(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }
}
