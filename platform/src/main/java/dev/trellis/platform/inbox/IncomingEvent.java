package dev.trellis.platform.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A CloudEvent (binary mode) read from Kafka: its attributes from the ce_ headers and its JSON payload. */
public record IncomingEvent(UUID id, String type, String source, String subject, String time,
                            String correlationId, String causationId, String actor, String payload,
                            String topic, int partition, long offset) {

    /** Parses the CloudEvents headers; a record without a valid ce_id / ce_type is poison. */
    public static IncomingEvent from(ConsumerRecord<?, ?> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw new PoisonEventException("missing ce_id or ce_type header");
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("ce_id is not a UUID: " + id);
        }
        Object value = record.value();
        String payload = value == null ? null
                : value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString();
        return new IncomingEvent(uuid, type, header(record, "ce_source"), header(record, "ce_subject"),
                header(record, "ce_time"), header(record, "ce_correlationid"), header(record, "ce_causationid"),
                header(record, "ce_actor"), payload, record.topic(), record.partition(), record.offset());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
