package dev.trellis.platform.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kafka client settings every Trellis client shares: bootstrap servers, security protocol, SASL and TLS
 * (everything a deployer sets as {@code kafka.*} properties or {@code KAFKA_*} environment variables), and nothing
 * that belongs to one client. Each platform client (the outbox relay's producer, the dead-letter producer, the
 * revocation reader, topic replays, the {@code dlq} tool) is built from these plus its own settings
 * ({@link #producer}, {@link #consumer}), which win.
 *
 * <p>In a service the settings are the messaging connector's own ({@link KafkaClients}: Quarkus'
 * {@code default-kafka-broker} map, every {@code kafka.*} property without its prefix). Outside a service (the
 * {@code dlq} tool) {@link #fromEnvironment} reads the environment with Quarkus' rule: {@code KAFKA_SASL_JAAS_CONFIG}
 * is {@code sasl.jaas.config}.
 */
public final class KafkaSettings {
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    /** Set by each client itself, never shared: a shared group id or client id would mix clients up. */
    static final Set<String> CLIENT_OWN = Set.of(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            CommonClientConfigs.CLIENT_ID_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    private final Map<String, Object> common;

    /**
     * @param settings Kafka client properties (the connector's {@code default-kafka-broker} map); client-own keys
     *                 (group.id, client.id, ...) and blank values are dropped
     */
    public KafkaSettings(Map<String, ?> settings) {
        Map<String, Object> c = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (v != null && !String.valueOf(v).isBlank() && !CLIENT_OWN.contains(k)) {
                c.put(k, v);
            }
        });
        c.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
        this.common = Map.copyOf(c);
    }

    /**
     * The settings of a process that is no Quarkus service: every {@code KAFKA_*} variable, as Quarkus maps it
     * ({@code KAFKA_SECURITY_PROTOCOL} is {@code security.protocol}); bootstrap 127.0.0.1:9092 when unset.
     */
    public static KafkaSettings fromEnvironment(Map<String, String> env) {
        Map<String, Object> settings = new TreeMap<>();
        env.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("kafka_") && lower.length() > "kafka_".length()) {
                settings.put(lower.substring("kafka_".length()).replace('_', '.'), value);
            }
        });
        return new KafkaSettings(settings);
    }

    /** The shared settings (unmodifiable). */
    public Map<String, Object> common() {
        return common;
    }

    public String bootstrapServers() {
        return String.valueOf(common.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** The shared settings plus a producer's own (which win). */
    public Properties producer(Map<String, ?> own) {
        return merged(own);
    }

    /** The shared settings plus a consumer's own (which win). */
    public Properties consumer(Map<String, ?> own) {
        return merged(own);
    }

    private Properties merged(Map<String, ?> own) {
        Properties p = new Properties();
        p.putAll(common);
        p.putAll(own);
        return p;
    }

    /** For a log line: bootstrap servers, security protocol and SASL mechanism, never a secret. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(bootstrapServers()).append(" (")
                .append(common.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"));
        Object mechanism = common.get(SaslConfigs.SASL_MECHANISM);
        if (mechanism != null) {
            b.append(' ').append(mechanism);
        }
        return b.append(')').toString();
    }
}
