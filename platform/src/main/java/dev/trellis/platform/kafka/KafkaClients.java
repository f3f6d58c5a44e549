package dev.trellis.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the platform's own Kafka clients from the configuration the messaging connector uses (Quarkus'
 * {@code default-kafka-broker} map: every {@code kafka.*} property and {@code KAFKA_*} environment variable, so
 * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG},
 * {@code KAFKA_SSL_TRUSTSTORE_*} reach the SmallRye channels and these clients alike), plus each client's own
 * settings. Every client's metrics are bound to Micrometer ({@code kafka_producer_*} / {@code kafka_consumer_*} on
 * {@code /q/metrics}, tagged with the client id) for as long as the client is open.
 */
@ApplicationScoped
public class KafkaClients {
    private final KafkaSettings settings;
    private final MeterRegistry meters;

    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> broker, MeterRegistry meters) {
        this.settings = new KafkaSettings(broker);
        this.meters = meters;
    }

    public KafkaSettings settings() {
        return settings;
    }

    /** A producer with the shared settings and {@code own} (which win), metered until it is closed. */
    public <K, V> KafkaProducer<K, V> producer(Map<String, ?> own) {
        return new MeteredProducer<>(settings.producer(own), meters);
    }

    /** A consumer with the shared settings and {@code own} (which win), metered until it is closed. */
    public <K, V> KafkaConsumer<K, V> consumer(Map<String, ?> own) {
        return new MeteredConsumer<>(settings.consumer(own), meters);
    }

    /** Closes a client, then unbinds its metrics (which also stops their refresh thread). */
    private static void closeThen(Runnable close, KafkaClientMetrics metrics) {
        try {
            close.run();
        } finally {
            metrics.close();
        }
    }

    private static final class MeteredProducer<K, V> extends KafkaProducer<K, V> {
        private final KafkaClientMetrics metrics = new KafkaClientMetrics(this); // after super(): a whole client

        MeteredProducer(Properties p, MeterRegistry meters) {
            super(p);
            metrics.bindTo(meters);
        }

        @Override
        public void close(Duration timeout) { // close() comes here too
            closeThen(() -> super.close(timeout), metrics);
        }
    }

    private static final class MeteredConsumer<K, V> extends KafkaConsumer<K, V> {
        private final KafkaClientMetrics metrics = new KafkaClientMetrics(this);

        MeteredConsumer(Properties p, MeterRegistry meters) {
            super(p);
            metrics.bindTo(meters);
        }

        @Override
        public void close() {
            closeThen(super::close, metrics);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void close(Duration timeout) {
            closeThen(() -> super.close(timeout), metrics);
        }

        @Override
        public void close(CloseOptions options) {
            closeThen(() -> super.close(options), metrics);
        }
    }
}
