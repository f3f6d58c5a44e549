package dev.trellis.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trellis.events.EventTypes;
import dev.trellis.events.TrellisEvent;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads and writes raw records on the test broker: to check what a service published and to feed it events. The
 * static methods talk to the shared plaintext broker ({@link InJvmKafka}); {@link #on} returns the same probe for
 * another broker (the SASL one of {@link SaslKafka}), given its client settings.
 */
public final class KafkaProbe {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The probe of a broker: {@code connection} is bootstrap.servers plus its security settings. */
    public static Client on(Map<String, Object> connection) {
        return new Client(connection);
    }

    private static Client plain() {
        return on(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, InJvmKafka.bootstrapServers()));
    }

    /** Every record currently on the topic (all partitions, from the beginning). */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        return plain().readAll(topic);
    }

    /** The records on {@code topic} whose ce_type header is {@code type} and that match {@code filter}. */
    public static List<ConsumerRecord<String, String>> find(String topic, String type,
                                                            Predicate<ConsumerRecord<String, String>> filter) {
        return plain().find(topic, type, filter);
    }

    /** Publishes a public event as its source service's outbox would; returns its event id. */
    public static UUID publish(TrellisEvent event) {
        return plain().publish(event);
    }

    /** Publishes a public event with a given event id (send the same id twice to simulate a redelivery). */
    public static void publish(UUID eventId, TrellisEvent event) {
        plain().publish(eventId, event);
    }

    /** Sends a CloudEvent (binary mode) as another service's outbox would. */
    public static void send(String topic, String key, UUID eventId, String type, String json) {
        plain().send(topic, key, eventId, type, json);
    }

    public static void sendRaw(String topic, String key, String value, Map<String, String> headers) {
        plain().sendRaw(topic, key, value, headers);
    }

    /** Sends the records with one producer in one go (they reach the broker together, as a burst would). */
    public static void sendAll(List<Raw> records) {
        plain().sendAll(records);
    }

    public static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * The record's event. Inside a @QuarkusTest its personal fields are decrypted with the service's key vault, as a
     * consumer reads them ({@link dev.trellis.platform.crypto.PersonalData}); {@code r.value()} is what the topic holds.
     */
    public static <T> T payload(ConsumerRecord<String, String> r, Class<T> type) {
        try {
            var arc = io.quarkus.arc.Arc.container();
            if (arc != null && arc.isRunning() && dev.trellis.platform.crypto.PersonalData.hasPersonalData(type)) {
                var personal = arc.instance(dev.trellis.platform.crypto.PersonalData.class);
                if (personal.isAvailable()) {
                    return personal.get().open(r.value(), type);
                }
            }
            return JSON.readValue(r.value(), type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record to send with {@link #sendAll}. */
    public record Raw(String topic, String key, String value, Map<String, String> headers) {
    }

    /** A public event as its source service's outbox would publish it, with a given event id. */
    public static Raw cloudEvent(UUID eventId, TrellisEvent event) {
        EventTypes.Descriptor d = EventTypes.of(event.getClass());
        try {
            return new Raw(d.topic(), event.partitionKey(), JSON.writeValueAsString(event), headers(eventId, d.type(),
                    event.partitionKey()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> headers(UUID eventId, String type, String key) {
        return Map.of("ce_specversion", "1.0", "ce_id", eventId.toString(), "ce_type", type,
                "ce_source", "//trellis/test", "ce_subject", key, "ce_time", Instant.now().toString(),
                "content-type", "application/json", "ce_correlationid", "test-" + eventId);
    }

    /** Reads and writes records on one broker. */
    public static final class Client {
        private final Map<String, Object> connection;

        private Client(Map<String, Object> connection) {
            this.connection = Map.copyOf(connection);
        }

        private Map<String, Object> config(Map<String, Object> own) {
            Map<String, Object> cfg = new HashMap<>(connection);
            cfg.putAll(own);
            return cfg;
        }

        /** Every record currently on the topic (all partitions, from the beginning). */
        public List<ConsumerRecord<String, String>> readAll(String topic) {
            Map<String, Object> cfg = config(Map.of(
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cfg)) {
                List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                Map<TopicPartition, Long> end = c.endOffsets(parts);
                List<ConsumerRecord<String, String>> out = new ArrayList<>();
                Instant deadline = Instant.now().plusSeconds(10);
                while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                    c.poll(Duration.ofMillis(200)).forEach(out::add);
                }
                return out;
            }
        }

        /** The records on {@code topic} whose ce_type header is {@code type} and that match {@code filter}. */
        public List<ConsumerRecord<String, String>> find(String topic, String type,
                                                         Predicate<ConsumerRecord<String, String>> filter) {
            return readAll(topic).stream().filter(r -> type.equals(header(r, "ce_type"))).filter(filter)
                    .collect(Collectors.toList());
        }

        /** Publishes a public event as its source service's outbox would; returns its event id. */
        public UUID publish(TrellisEvent event) {
            UUID id = UUID.randomUUID();
            publish(id, event);
            return id;
        }

        /** Publishes a public event with a given event id (send the same id twice to simulate a redelivery). */
        public void publish(UUID eventId, TrellisEvent event) {
            EventTypes.Descriptor d = EventTypes.of(event.getClass());
            try {
                send(d.topic(), event.partitionKey(), eventId, d.type(), JSON.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Sends a CloudEvent (binary mode) as another service's outbox would. */
        public void send(String topic, String key, UUID eventId, String type, String json) {
            sendRaw(topic, key, json, headers(eventId, type, key));
        }

        public void sendRaw(String topic, String key, String value, Map<String, String> headers) {
            Map<String, Object> cfg = config(Map.of(
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.ACKS_CONFIG, "all"));
            try (KafkaProducer<String, String> p = new KafkaProducer<>(cfg)) {
                ProducerRecord<String, String> rec = new ProducerRecord<>(topic, key, value);
                headers.forEach((k, v) -> rec.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
                p.send(rec).get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot send to " + topic, e);
            }
        }

        /** Sends the records with one producer in one go (they reach the broker together, as a burst would). */
        public void sendAll(List<Raw> records) {
            Map<String, Object> cfg = config(Map.of(
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.LINGER_MS_CONFIG, 50,
                    ProducerConfig.ACKS_CONFIG, "all"));
            try (KafkaProducer<String, String> p = new KafkaProducer<>(cfg)) {
                List<Future<?>> acks = new ArrayList<>();
                for (Raw r : records) {
                    ProducerRecord<String, String> rec = new ProducerRecord<>(r.topic(), r.key(), r.value());
                    r.headers().forEach((k, v) -> rec.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
                    acks.add(p.send(rec));
                }
                p.flush();
                for (Future<?> f : acks) {
                    f.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot send " + records.size() + " records", e);
            }
        }
    }

    private KafkaProbe() {
    }
}
