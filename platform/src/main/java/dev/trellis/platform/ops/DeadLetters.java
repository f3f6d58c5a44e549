package dev.trellis.platform.ops;

import dev.trellis.platform.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The operator's view of a service's dead-letter topic ({@code trellis.dlq.<service>}), and its re-drive.
 * <ul>
 * <li>{@code list <service>}: every dead-lettered record, oldest first: its event type and id, where it came from,
 * why it was dead-lettered, and whether it was re-driven already.</li>
 * <li>{@code redrive <service>}: sends every record not re-driven yet back to the topic it came from (same key,
 * value and CloudEvents headers, plus {@code trellis-redriven-from}), then remembers how far it got (the offsets of
 * the consumer group {@code trellis-dlq-redrive.<service>}), so a second run sends nothing twice. Services that had
 * applied the event already drop it as a duplicate (by event id); the service that failed applies it now, or
 * dead-letters it again if the cause is still there.</li>
 * </ul>
 * Needs only kafka-clients: {@code java -cp <platform jar>:<kafka libs>/* dev.trellis.platform.ops.DeadLetters
 * list notification} (the local launcher: {@code deploy/local/trellis dlq list|redrive <service>}).
 * Kafka settings: the services' {@code KAFKA_*} environment variables ({@link KafkaSettings#fromEnvironment}):
 * {@code KAFKA_BOOTSTRAP_SERVERS} (default 127.0.0.1:9092), and for a secured broker {@code KAFKA_SECURITY_PROTOCOL},
 * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION} ...
 */
public final class DeadLetters {
    public static final String REDRIVEN_FROM = "trellis-redriven-from";

    public record Letter(long offset, String type, String id, String fromTopic, String fromPartition,
                         String fromOffset, String reason, boolean redriven) {
    }

    private final KafkaSettings kafka;

    public DeadLetters(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals("list") || args[0].equals("redrive"))) {
            System.err.println("usage: DeadLetters list|redrive <service>");
            System.exit(2);
        }
        DeadLetters dlq = new DeadLetters(KafkaSettings.fromEnvironment(System.getenv()));
        if (args[0].equals("list")) {
            dlq.print(args[1], System.out);
        } else {
            int sent = dlq.redrive(args[1]);
            System.out.println("re-drove " + sent + " record(s) of " + topic(args[1]));
        }
    }

    public static String topic(String service) {
        return "trellis.dlq." + service;
    }

    static String group(String service) {
        return "trellis-dlq-redrive." + service;
    }

    public void print(String service, PrintStream out) {
        List<Letter> letters = list(service);
        long waiting = letters.stream().filter(l -> !l.redriven()).count();
        out.printf("%s: %d record(s), %d waiting, %d re-driven%n", topic(service), letters.size(), waiting,
                letters.size() - waiting);
        for (Letter l : letters) {
            out.printf("  #%d %-9s %s %s from %s-%s@%s: %s%n", l.offset(), l.redriven() ? "re-driven" : "waiting",
                    l.type(), l.id(), l.fromTopic(), l.fromPartition(), l.fromOffset(), l.reason());
        }
    }

    /** Every record of the service's dead-letter topic, oldest first. */
    public List<Letter> list(String service) {
        List<Letter> result = new ArrayList<>();
        read(service, (c, r, committed) -> result.add(letter(r, committed)));
        return result;
    }

    /** Sends every record not re-driven yet back to its topic; returns how many. */
    public int redrive(String service) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int[] sent = {0};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producer(p))) {
            read(service, (consumer, r, committed) -> {
                if (r.offset() < committed) {
                    return;
                }
                String origin = header(r, "dead-letter-topic");
                if (origin == null) {
                    throw new IllegalStateException("record #" + r.offset() + " has no dead-letter-topic header");
                }
                ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(origin, r.key(), r.value());
                for (Header h : r.headers()) {
                    if (!h.key().startsWith("dead-letter-") && !h.key().equals(REDRIVEN_FROM)) {
                        out.headers().add(h);
                    }
                }
                out.headers().add(REDRIVEN_FROM, (topic(service) + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
                Future<?> ack = producer.send(out);
                try {
                    ack.get();
                } catch (Exception e) {
                    throw new IllegalStateException("could not re-drive #" + r.offset(), e);
                }
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1, "redriven at " + Instant.now())));
                sent[0]++;
            });
        }
        return sent[0];
    }

    private interface Visitor {
        void visit(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecord<byte[], byte[]> record, long committed);
    }

    /** Reads the whole topic up to its current end, telling each record the committed re-drive offset. */
    private void read(String service, Visitor visitor) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group(service));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.consumer(p))) {
            List<PartitionInfo> infos = c.partitionsFor(topic(service), Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> parts = new ArrayList<>();
            infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
            parts.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
            c.assign(parts);
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new java.util.HashSet<>(parts), Duration.ofSeconds(15));
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(15));
            c.seekToBeginning(parts);
            for (TopicPartition tp : parts) {
                long end = ends.get(tp);
                OffsetAndMetadata cm = committed.get(tp);
                long done = cm == null ? 0 : cm.offset();
                c.pause(parts);
                c.resume(List.of(tp));
                while (c.position(tp) < end) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                        if (r.offset() < end) {
                            visitor.visit(c, r, done);
                        }
                    }
                }
            }
        }
    }

    private static Letter letter(ConsumerRecord<byte[], byte[]> r, long committed) {
        return new Letter(r.offset(), header(r, "ce_type"), header(r, "ce_id"), header(r, "dead-letter-topic"),
                header(r, "dead-letter-partition"), header(r, "dead-letter-offset"), header(r, "dead-letter-reason"),
                r.offset() < committed);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
