package dev.trellis.testing;

import dev.trellis.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** One real Kafka broker (KRaft, combined broker + controller) inside the test JVM, shared by all tests of a run. */
public final class InJvmKafka {
    public static final int PARTITIONS = 3;
    private static KafkaClusterTestKit cluster;

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            try {
                KafkaClusterTestKit c = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "3")
                        .setConfigProp("auto.create.topics.enable", "true")
                        .setConfigProp("num.partitions", String.valueOf(PARTITIONS))
                        .build();
                c.format();
                c.startup();
                c.waitForReadyBrokers();
                cluster = c;
                createTopics(c.bootstrapServers());
                // No shutdown hook: closing the broker while the JVM (and Quarkus) shut down raced and made the
                // fork exit non-zero once; the JVM's exit ends the broker's threads, its data is under target/.
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the in-JVM Kafka broker", e);
            }
        }
        return cluster.bootstrapServers();
    }

    private static void createTopics(String bootstrap) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : Topics.ALL) {
                topics.add(new NewTopic(t, PARTITIONS, (short) 1));
            }
            for (String t : Topics.DEAD_LETTERS) {
                topics.add(new NewTopic(t, 1, (short) 1));
            }
            try {
                admin.createTopics(topics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private InJvmKafka() {
    }
}
