package dev.trellis.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.events.EventTypes;
import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.observability.Correlation;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The idempotent consumer. {@link #handle} parses a CloudEvent, skips it if this consumer already applied its
 * id, otherwise applies it and records the id in the same transaction as the projection change. An event of a type
 * this version does not know (a newer producer during a rolling deploy) is parked in {@code parked_event}, not
 * recorded as processed: the first record a consumer handles after a start first applies the parked events whose
 * type is now known. Unparseable events throw {@link PoisonEventException}, which the channel's dead-letter-queue
 * failure strategy sends to the service's dead-letter topic.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    private final int maxAttempts;
    /** Consumers whose parked events were looked at since this start. */
    private final java.util.Set<String> unparked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Inbox(DataSource dataSource, ObjectMapper json, MeterRegistry meters,
                 @ConfigProperty(name = "trellis.inbox.max-attempts", defaultValue = "5") int maxAttempts) {
        this.maxAttempts = maxAttempts;
        this.dataSource = dataSource;
        this.json = json;
        this.meters = meters;
    }

    /**
     * Applies the record once per consumer in a transaction of its own.
     * <ul>
     * <li>Poison (unparseable) events go to the dead-letter topic at once.</li>
     * <li>Infrastructure failures (database down, connection lost, serialization conflicts) are retried for as
     * long as it takes, with capped back-off: the partition waits, nothing is skipped, nothing is lost.</li>
     * <li>Other failures (a bug, a rule the event breaks) are retried {@code maxAttempts} times, then the
     * event is moved aside to the dead-letter topic so the partition is not blocked forever.</li>
     * </ul>
     */
    public boolean process(String consumer, ConsumerRecord<?, ?> record, EventHandler handler) {
        if (unparked.add(consumer)) {
            applyParked(consumer, handler);
        }
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return QuarkusTransaction.requiringNew().call(() -> handle(consumer, record, handler));
            } catch (PoisonEventException e) {
                LOG.errorf("poison event at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                boolean transientFailure = isTransient(e);
                if (!transientFailure && attempt >= maxAttempts) {
                    meters.counter("trellis.inbox.failed", "consumer", consumer).increment();
                    LOG.errorf(e, "giving up on %s-%d@%d after %d attempts: dead-lettered", record.topic(),
                            record.partition(), record.offset(), attempt);
                    throw e;
                }
                long backoff = Math.min(5_000L, 100L << Math.min(attempt, 6));
                LOG.warnf("applying %s-%d@%d failed (attempt %d%s, retrying in %d ms): %s", record.topic(),
                        record.partition(), record.offset(), attempt, transientFailure ? ", transient" : "/" + maxAttempts,
                        backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Failures of the infrastructure rather than of the event: worth waiting for. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57") || state.startsWith("58")) {
                    return true;
                }
            }
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || t instanceof jakarta.transaction.SystemException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies the record once per consumer. Must run in the caller's transaction.
     *
     * @return true if the handler ran, false if it was a duplicate or an unknown type
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean handle(String consumer, ConsumerRecord<?, ?> record, EventHandler handler) {
        IncomingEvent envelope = IncomingEvent.from(record);
        Optional<EventTypes.Descriptor> descriptor = EventTypes.byType(envelope.type());
        TrellisEvent event = null;
        if (descriptor.isPresent()) {
            if (envelope.payload() == null) {
                throw new PoisonEventException("event " + envelope.id() + " has no payload");
            }
            try {
                event = json.readValue(envelope.payload(), descriptor.get().javaType());
            } catch (Exception e) {
                throw new PoisonEventException("cannot parse " + envelope.type() + " " + envelope.id(), e);
            }
        }
        if (event == null) {
            park(consumer, envelope, record);
            return false;
        }
        if (!firstTime(consumer, envelope)) {
            meters.counter("trellis.inbox.duplicates", "consumer", consumer).increment();
            LOG.debugf("skipping redelivered event %s (%s)", envelope.id(), envelope.type());
            return false;
        }
        String correlationId = envelope.correlationId() != null ? envelope.correlationId() : envelope.id().toString();
        Correlation.set(correlationId, envelope.id().toString(), envelope.actor());
        try {
            handler.handle(event, envelope);
            meters.counter("trellis.inbox.applied", "consumer", consumer, "type", envelope.type()).increment();
            LOG.debugf("applied %s %s", envelope.type(), envelope.id());
            return true;
        } finally {
            Correlation.clear();
        }
    }

    private void park(String consumer, IncomingEvent e, ConsumerRecord<?, ?> record) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (org.apache.kafka.common.header.Header h : record.headers()) {
            if (h.value() != null) {
                headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO parked_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset,
                                               record_key, headers, payload)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, consumer);
            ps.setObject(2, e.id());
            ps.setString(3, e.type());
            ps.setString(4, record.topic());
            ps.setInt(5, record.partition());
            ps.setLong(6, record.offset());
            ps.setString(7, record.key() == null ? null : record.key().toString());
            ps.setString(8, json.writeValueAsString(headers));
            ps.setString(9, e.payload());
            if (ps.executeUpdate() == 1) {
                meters.counter("trellis.inbox.parked", "consumer", consumer).increment();
                LOG.warnf("parked event %s of unknown type %s (%s-%d@%d): it is applied once a version that knows the type runs",
                        e.id(), e.type(), record.topic(), record.partition(), record.offset());
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("cannot park event " + e.id(), ex);
        }
    }

    /** Looks at the parked events again with the next record of each consumer (after a start this happens anyway). */
    public void rescanParked() {
        unparked.clear();
    }

    /** Applies (in order of parking) the parked events of this consumer whose type this version knows. */
    void applyParked(String consumer, EventHandler handler) {
        record Parked(UUID id, String type, String topic, int partition, long offset, String key, String headers,
                      String payload) {
        }
        java.util.List<Parked> rows = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT event_id, event_type, topic, kafka_partition, kafka_offset, record_key, headers::text, payload
                     FROM parked_event WHERE consumer = ? ORDER BY parked_at, kafka_offset""")) {
            ps.setString(1, consumer);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Parked(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        } catch (SQLException ex) {
            unparked.remove(consumer); // try again with the next record
            LOG.warnf("cannot read parked events of %s: %s", consumer, ex.toString());
            return;
        }
        int applied = 0;
        for (Parked p : rows) {
            if (EventTypes.byType(p.type()).isEmpty()) {
                continue;
            }
            try {
                ConsumerRecord<String, String> r = new ConsumerRecord<>(p.topic(), p.partition(), p.offset(), p.key(), p.payload());
                java.util.Map<String, String> headers = json.readValue(p.headers(),
                        new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() { });
                headers.forEach((k, v) -> r.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                QuarkusTransaction.requiringNew().run(() -> {
                    handle(consumer, r, handler);
                    try (Connection c = dataSource.getConnection();
                         PreparedStatement del = c.prepareStatement("DELETE FROM parked_event WHERE consumer = ? AND event_id = ?")) {
                        del.setString(1, consumer);
                        del.setObject(2, p.id());
                        del.executeUpdate();
                    } catch (SQLException ex) {
                        throw new IllegalStateException(ex);
                    }
                });
                applied++;
            } catch (Exception ex) {
                LOG.errorf(ex, "parked event %s (%s) could not be applied; it stays parked", p.id(), p.type());
            }
        }
        if (applied > 0) {
            LOG.infof("applied %d parked events of %s", applied, consumer);
        }
    }

    private boolean firstTime(String consumer, IncomingEvent e) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO processed_event (consumer, event_id, event_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, consumer);
            ps.setObject(2, e.id());
            ps.setString(3, e.type());
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot record processed event " + e.id(), ex);
        }
    }
}
