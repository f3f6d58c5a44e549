package dev.trellis.platform.replay;

import dev.trellis.platform.crypto.KeyVaultUnavailableException;
import dev.trellis.platform.crypto.PersonalData;
import dev.trellis.events.EventTypes;
import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.inbox.IncomingEvent;
import dev.trellis.platform.kafka.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads topics from the beginning, outside any consumer group (the service's own group offsets are not
 * touched), for rebuilding a projection. A {@link Cursor} reads up to the end offsets it saw when it was
 * opened, and can be moved on to the new end later ({@link Cursor#catchUp}). Events are decoded like the inbox
 * does; unknown types are skipped and an event id seen before (an at-least-once redelivery) is skipped too.
 */
@ApplicationScoped
public class TopicReplay {
    private static final Logger LOG = Logger.getLogger(TopicReplay.class);
    private final KafkaClients kafka;
    private final PersonalData personal;

    public TopicReplay(KafkaClients kafka, PersonalData personal) {
        this.kafka = kafka;
        this.personal = personal;
    }

    /** One decoded event with where it came from. */
    public record Replayed(TrellisEvent event, IncomingEvent envelope) {
    }

    /** Receives events in batches (per topic partition order; no order across partitions or topics). */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<Replayed> batch);
    }

    public Cursor open(List<String> topics) {
        return new Cursor(topics);
    }

    public final class Cursor implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Set<UUID> seen = new HashSet<>();
        private final List<TopicPartition> partitions = new ArrayList<>();
        private long records;
        private long skipped;

        private Cursor(List<String> topics) {
            Map<String, Object> p = new HashMap<>();
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = kafka.consumer(p); // no group.id: outside any consumer group
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads up to the end offsets as they are now, handing the events over in batches. */
        public void catchUp(BatchHandler handler) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                List<Replayed> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records++;
                        decode(r).ifPresent(batch::add);
                    }
                }
                for (TopicPartition tp : partitions) { // what was polled past the end is read by the next catch-up
                    if (consumer.position(tp) > end.get(tp)) {
                        consumer.seek(tp, end.get(tp));
                    }
                }
                if (!batch.isEmpty()) {
                    handler.handle(batch);
                }
            }
        }

        private Optional<Replayed> decode(ConsumerRecord<String, String> r) {
            IncomingEvent envelope;
            try {
                envelope = IncomingEvent.from(r);
            } catch (RuntimeException e) {
                skipped++;
                return Optional.empty();
            }
            var descriptor = EventTypes.byType(envelope.type());
            if (descriptor.isEmpty() || envelope.payload() == null || !seen.add(envelope.id())) {
                skipped++;
                return Optional.empty();
            }
            try {
                return Optional.of(new Replayed(personal.open(envelope.payload(), descriptor.get().javaType()), envelope));
            } catch (KeyVaultUnavailableException e) {
                throw e;
            } catch (Exception e) {
                LOG.warnf("replay skips unreadable %s %s: %s", envelope.type(), envelope.id(), e.getMessage());
                skipped++;
                return Optional.empty();
            }
        }

        /** Records read so far (including skipped ones). */
        public long records() {
            return records;
        }

        /** Records skipped: redeliveries, unknown types, unreadable records. */
        public long skipped() {
            return skipped;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
