package dev.trellis.platform.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class KafkaSettingsTest {

    @Test
    void the_environment_maps_to_client_properties_as_quarkus_maps_it() {
        KafkaSettings s = KafkaSettings.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "trellis-kafka-bootstrap:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/trellis/kafka-ca/ca.p12",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
                "TRELLIS_PG_HOST", "db",
                "PATH", "/usr/bin"));
        assertEquals(Map.of(
                "bootstrap.servers", "trellis-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "ssl.truststore.location", "/etc/trellis/kafka-ca/ca.p12",
                "ssl.truststore.type", "PKCS12"), s.common());
        assertEquals("trellis-kafka-bootstrap:9093 (SASL_SSL SCRAM-SHA-512)", s.toString(), "no secret in the log line");
    }

    @Test
    void without_settings_it_is_the_local_broker_in_plaintext() {
        KafkaSettings s = KafkaSettings.fromEnvironment(Map.of());
        assertEquals(Map.of("bootstrap.servers", "127.0.0.1:9092"), s.common());
        assertEquals("127.0.0.1:9092 (PLAINTEXT)", s.toString());
    }

    @Test
    void client_own_settings_and_blank_values_are_not_shared_and_a_clients_own_settings_win() {
        KafkaSettings s = new KafkaSettings(Map.of("bootstrap.servers", "k:9092", "group.id", "recommendation",
                "client.id", "x", "sasl.jaas.config", " ", "acks", "1", "security.protocol", "SASL_PLAINTEXT"));
        assertFalse(s.common().containsKey("group.id"), "the connector's group is not the relay's");
        assertFalse(s.common().containsKey("client.id"));
        assertFalse(s.common().containsKey("sasl.jaas.config"), "blank is unset");
        Properties p = s.producer(Map.of("acks", "all", "client.id", "recommendation-outbox"));
        assertEquals("all", p.get("acks"));
        assertEquals("recommendation-outbox", p.get("client.id"));
        assertEquals("SASL_PLAINTEXT", p.get("security.protocol"));
        assertNull(s.consumer(Map.of()).get("group.id"));
    }
}
