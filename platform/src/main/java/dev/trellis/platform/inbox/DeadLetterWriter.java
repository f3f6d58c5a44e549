package dev.trellis.platform.inbox;

import dev.trellis.platform.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves one record aside to the service's dead-letter topic ({@code trellis.dlq.<service>}), with the headers the
 * SmallRye dead-letter-queue strategy writes (dead-letter-reason, -cause, -topic, -partition, -offset, ...), so that
 * {@code trellis dlq list|redrive} reads both alike. A batched consumer cannot let the channel's strategy do it: that
 * strategy dead-letters a failed batch whole. The send is acknowledged (acks=all) before the consumer goes on, so
 * the record's offset is committed only once it is safe in the dead-letter topic.
 */
@ApplicationScoped
public class DeadLetterWriter {
    private final KafkaClients kafka;
    private final String topic;
    private final String serviceName;
    private KafkaProducer<String, String> producer;

    public DeadLetterWriter(KafkaClients kafka,
                            @ConfigProperty(name = "trellis.service.name") String serviceName) {
        this.kafka = kafka;
        this.serviceName = serviceName;
        this.topic = "trellis.dlq." + serviceName;
    }

    public String topic() {
        return topic;
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = kafka.producer(Map.of(
                    ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-dead-letters",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        return producer;
    }

    /** Writes the record to the dead-letter topic and waits for the broker (retrying while it is away). */
    public void send(ConsumerRecord<?, ?> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        put(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        put(headers, "dead-letter-reason", reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage());
        if (reason.getCause() != null) {
            put(headers, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
            put(headers, "dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
        }
        put(headers, "dead-letter-topic", record.topic());
        put(headers, "dead-letter-partition", Integer.toString(record.partition()));
        put(headers, "dead-letter-offset", Long.toString(record.offset()));
        ProducerRecord<String, String> out = new ProducerRecord<>(topic, null,
                record.key() == null ? null : record.key().toString(),
                record.value() == null ? null : record.value().toString(), headers);
        long backoff = 200;
        while (true) {
            try {
                producer().send(out).get(30, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering " + record.topic() + "@" + record.offset(), e);
            } catch (ExecutionException | TimeoutException e) {
                org.jboss.logging.Logger.getLogger(DeadLetterWriter.class).warnf(
                        "cannot write to %s yet (retrying in %d ms): %s", topic, backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while dead-lettering", ie);
                }
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private static void put(RecordHeaders h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    void stop(@Observes ShutdownEvent ev) {
        KafkaProducer<String, String> p;
        synchronized (this) {
            p = producer;
        }
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
