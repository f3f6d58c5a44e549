package dev.trellis.testing;

import dev.trellis.events.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A second in-JVM broker (KRaft, one combined node) that authenticates every client and authorizes with ACLs, as
 * production's Strimzi listener does: SASL on every listener, SCRAM-SHA-512 for the services (their users are made
 * with {@link #serviceUser}), PLAIN for the broker itself and the super user {@link #ADMIN} (the test's probe),
 * Kafka's StandardAuthorizer with no access for a user without an ACL. Plaintext transport: TLS is the deployment's
 * business (Strimzi's listener), the client settings that carry it are the same kind as SASL's.
 */
public final class SaslKafka {
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The broker's super user (PLAIN). */
    public static final String ADMIN = JaasUtils.KAFKA_PLAIN_ADMIN;
    public static final String ADMIN_PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;
    private static KafkaClusterTestKit cluster;

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = InJvmKafka.start(SecurityProtocol.SASL_PLAINTEXT, Map.of(
                    // the services' listener (the test kit's EXTERNAL) also takes SCRAM; the test kit adds PLAIN, the
                    // JAAS section of its super user and the StandardAuthorizer (allow.everyone.if.no.acl.found=false)
                    "listener.name.external.sasl.enabled.mechanisms", "PLAIN," + MECHANISM,
                    "listener.name.external." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;"), plain(ADMIN, ADMIN_PASSWORD));
        }
        return cluster.bootstrapServers();
    }

    /** The super user's client settings of this JVM's SASL broker: for the test's probe. */
    public static Map<String, Object> admin() {
        return admin(bootstrapServers());
    }

    /**
     * The super user's client settings for the SASL broker at {@code bootstrap}: a {@code @QuarkusTest} passes the
     * bootstrap servers its application was given, so that the probe talks to the same broker.
     */
    public static Map<String, Object> admin(String bootstrap) {
        Map<String, Object> c = new HashMap<>(plain(ADMIN, ADMIN_PASSWORD));
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return c;
    }

    /** The JAAS line of a PLAIN login. */
    public static String plainJaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The JAAS line of a SCRAM login, as Strimzi writes it into a KafkaUser's secret ({@code sasl.jaas.config}). */
    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * Creates (or resets) the SCRAM-SHA-512 user of a service with the ACLs its Kubernetes KafkaUser has
     * (deploy/kubernetes/overlays/production/kafka-users.yaml): Read on the topics it consumes, on the profile
     * topic (every service's revocation reader) and on its own topic (a projection rebuild may replay it), Write on
     * its own topic and its dead-letter topic, Read on its consumer group (the service name). Describe comes with
     * Read and Write.
     *
     * @return the user name, {@code trellis-<service>}
     */
    public static String serviceUser(String service, String password, List<String> consumes, List<String> produces) {
        String user = "trellis-" + service;
        String principal = "User:" + user;
        List<AclBinding> acls = new ArrayList<>();
        List<String> reads = new ArrayList<>(consumes);
        reads.add(Topics.PROFILE);
        reads.addAll(produces);
        for (String t : reads) {
            acls.add(allow(ResourceType.TOPIC, t, principal, AclOperation.READ));
        }
        List<String> writes = new ArrayList<>(produces);
        writes.add(Topics.deadLetter(service));
        for (String t : writes) {
            acls.add(allow(ResourceType.TOPIC, t, principal, AclOperation.WRITE));
        }
        acls.add(allow(ResourceType.GROUP, service, principal, AclOperation.READ));
        try (Admin admin = Admin.create(admin())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
            admin.createAcls(acls).all().get();
            // SCRAM credentials reach the broker through the metadata log: wait until it knows the user
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (admin.describeUserScramCredentials(List.of(user)).all().get().isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the broker does not know " + user);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the Kafka user " + user, e);
        }
        return user;
    }

    private static AclBinding allow(ResourceType type, String name, String principal, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    private static Map<String, Object> plain(String user, String password) {
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, plainJaas(user, password));
    }

    private SaslKafka() {
    }
}
