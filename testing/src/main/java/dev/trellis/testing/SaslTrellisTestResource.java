package dev.trellis.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link TrellisTestResource} with the SASL broker of {@link SaslKafka} instead of the plaintext one: the service
 * logs in with its own SCRAM-SHA-512 user, which has only the ACLs of its Kubernetes KafkaUser. The settings reach
 * the service as a deployer gives them, as {@code kafka.*} properties (KAFKA_* variables in a container).
 * <p>
 * Init args, besides {@code database}: {@code service} (recommendation), {@code consumes} and {@code produces}
 * (comma-separated topics), and {@code password} to log in with a wrong one (the user's is
 * {@link #PASSWORD}).
 */
public class SaslTrellisTestResource extends TrellisTestResource {
    public static final String PASSWORD = "s3rvice-secret";

    @Override
    protected Map<String, String> kafka() {
        String service = initArgs.get("service");
        String user = SaslKafka.serviceUser(service, PASSWORD, topics("consumes"), topics("produces"));
        return Map.of(
                "kafka.bootstrap.servers", SaslKafka.bootstrapServers(),
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", SaslKafka.MECHANISM,
                "kafka.sasl.jaas.config", SaslKafka.jaas(user, initArgs.getOrDefault("password", PASSWORD)));
    }

    private List<String> topics(String arg) {
        String v = initArgs.getOrDefault(arg, "");
        return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
    }
}
