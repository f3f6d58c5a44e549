package dev.trellis.testing;

import dev.trellis.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** One real Kafka broker (KRaft, combined broker + controller) inside the test JVM, shared by all tests of a run. */
public final class InJvmKafka {
    public static final int PARTITIONS = 3;
    private static KafkaClusterTestKit cluster;

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start(SecurityProtocol.PLAINTEXT, Map.of(), Map.of());
        }
        return cluster.bootstrapServers();
    }

    /**
     * Starts a one-node cluster with the Trellis topics: {@code protocol} on its listeners, {@code brokerConfig} on
     * top of the shared broker settings, {@code adminSecurity} the settings its admin client logs in with.
     */
    static KafkaClusterTestKit start(SecurityProtocol protocol, Map<String, String> brokerConfig,
                                     Map<String, Object> adminSecurity) {
        try {
            KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(protocol).setControllerSecurityProtocol(protocol).build())
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", String.valueOf(PARTITIONS));
            brokerConfig.forEach(b::setConfigProp);
            KafkaClusterTestKit c = b.build();
            c.format();
            c.startup();
            c.waitForReadyBrokers();
            Map<String, Object> admin = new HashMap<>(adminSecurity);
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
            createTopics(admin);
            // No shutdown hook: closing the broker while the JVM (and Quarkus) shut down raced and made the
            // fork exit non-zero once; the JVM's exit ends the broker's threads, its data is under target/.
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-JVM Kafka broker (" + protocol + ")", e);
        }
    }

    private static void createTopics(Map<String, Object> adminConfig) throws InterruptedException {
        try (Admin admin = Admin.create(adminConfig)) {
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
