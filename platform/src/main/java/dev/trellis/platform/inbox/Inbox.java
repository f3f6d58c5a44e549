package dev.trellis.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.platform.crypto.KeyVaultUnavailableException;
import dev.trellis.platform.crypto.PersonalData;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The idempotent consumer. {@link #handle} parses a CloudEvent, skips it if this consumer already applied its
 * id, otherwise applies it and records the id in the same transaction as the projection change. An event of a type
 * this version does not know (a newer producer during a rolling deploy) is parked in {@code parked_event}, not
 * recorded as processed: the first record a consumer handles after a start, and the first one after each
 * {@code trellis.inbox.rescan-parked-every} (1 minute), first applies the parked events whose type is now known
 * (with 2+ replicas, an older replica may park an event after the newer one started: the periodic rescan applies
 * it, instead of leaving it parked until the newer replica restarts). Unparseable events ({@link PoisonEventException}) and events that keep failing are written to
 * the service's dead-letter topic ({@link DeadLetterWriter}) and the consumer goes on. Consumers hand over a whole
 * poll ({@link #processBatch}): one transaction per batch.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final PersonalData personal;
    private final MeterRegistry meters;

    private final int maxAttempts;
    private final DeadLetterWriter deadLetters;
    private final jakarta.enterprise.inject.Instance<jakarta.persistence.EntityManager> entityManagers;
    private volatile boolean flushEntities = true;
    /** Consumers whose parked events were looked at since this start. */
    private final java.util.Set<String> unparked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Inbox(DataSource dataSource, ObjectMapper json, PersonalData personal, MeterRegistry meters,
                 DeadLetterWriter deadLetters,
                 jakarta.enterprise.inject.Instance<jakarta.persistence.EntityManager> entityManagers,
                 @ConfigProperty(name = "trellis.inbox.max-attempts", defaultValue = "5") int maxAttempts) {
        this.maxAttempts = maxAttempts;
        this.dataSource = dataSource;
        this.json = json;
        this.personal = personal;
        this.meters = meters;
        this.deadLetters = deadLetters;
        this.entityManagers = entityManagers;
    }

    /** Batches that failed for a reason of the infrastructure are retried whole this often, then one record a time. */
    static final int BATCH_TRANSIENT_ATTEMPTS = 3;

    /**
     * Applies a poll's records once per consumer, all in ONE transaction: the processed-event ids (one INSERT for
     * the batch) and every projection change commit together, so a batch costs one commit (one WAL flush) instead
     * of one per record. Records are applied in the order given, which is the partitions' offset order, so the
     * order of one key's events is kept. If the batch fails: an infrastructure failure (database down, deadlock,
     * serialization conflict) retries the batch with back-off a few times; any other failure, or a batch that keeps
     * failing, is rolled back and its records are applied one at a time ({@link #process}), so one poison or
     * failing event is retried alone and dead-lettered alone, and never holds back the others.
     * Returns normally once every record was applied, skipped as a duplicate, parked or dead-lettered; the caller
     * acknowledges the batch (offsets are committed after this transaction).
     */
    public void processBatch(String consumer, java.util.List<? extends ConsumerRecord<?, ?>> records, EventHandler handler) {
        if (records.isEmpty()) {
            return;
        }
        if (unparked.add(consumer)) {
            applyParked(consumer, handler);
        }
        if (records.size() > 1) {
            for (int attempt = 1; attempt <= BATCH_TRANSIENT_ATTEMPTS; attempt++) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> handleAll(consumer, records, handler));
                    meters.counter("trellis.inbox.batches", "consumer", consumer).increment();
                    return;
                } catch (RuntimeException e) {
                    if (!isTransient(e)) {
                        LOG.warnf("batch of %d records of %s failed (%s): applying them one at a time", records.size(),
                                consumer, e.toString());
                        break;
                    }
                    long backoff = Math.min(5_000L, 100L << attempt);
                    LOG.warnf("batch of %d records of %s failed (transient, attempt %d/%d, retrying in %d ms): %s",
                            records.size(), consumer, attempt, BATCH_TRANSIENT_ATTEMPTS, backoff, e.toString());
                    if (!sleep(backoff)) {
                        throw e;
                    }
                }
            }
        }
        for (ConsumerRecord<?, ?> r : records) {
            process(consumer, r, handler);
        }
    }

    /** One consumer batch, in the caller's transaction (see {@link #processBatch}). */
    private void handleAll(String consumer, java.util.List<? extends ConsumerRecord<?, ?>> records, EventHandler handler) {
        record Parsed(ConsumerRecord<?, ?> record, IncomingEvent envelope, TrellisEvent event) {
        }
        java.util.List<Parsed> parsed = new java.util.ArrayList<>(records.size());
        for (ConsumerRecord<?, ?> r : records) {
            IncomingEvent envelope = IncomingEvent.from(r);
            if (!wanted(consumer, envelope, handler)) {
                continue;
            }
            parsed.add(new Parsed(r, envelope, decode(envelope)));
        }
        if (parsed.isEmpty()) {
            return;
        }
        java.util.Set<UUID> fresh = firstTime(consumer, parsed.stream().filter(p -> p.event() != null)
                .map(p -> new Id(p.envelope().id(), p.envelope().type())).toList());
        jakarta.persistence.EntityManager em = entityManager();
        for (Parsed p : parsed) {
            if (p.event() == null) {
                park(consumer, p.envelope(), p.record());
            } else if (!fresh.remove(p.envelope().id())) {
                meters.counter("trellis.inbox.duplicates", "consumer", consumer).increment();
                LOG.debugf("skipping redelivered event %s (%s)", p.envelope().id(), p.envelope().type());
            } else {
                apply(consumer, p.envelope(), p.event(), handler);
                if (em != null) {
                    // as if each record had its own transaction: a later record's handler may read with plain JDBC
                    // what this one changed through Hibernate, and the persistence context (which every flush and
                    // every native query dirty-checks whole) does not grow with the batch
                    em.flush();
                    em.clear();
                }
            }
        }
    }

    private jakarta.persistence.EntityManager entityManager() {
        if (!flushEntities) {
            return null;
        }
        try {
            jakarta.persistence.EntityManager em = entityManagers.isResolvable() ? entityManagers.get() : null;
            if (em == null || !em.isJoinedToTransaction()) {
                return null;
            }
            return em;
        } catch (RuntimeException e) {
            flushEntities = false; // this service has no Hibernate entities
            return null;
        }
    }

    private record Id(UUID id, String type) {
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
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
                deadLetters.send(record, e);
                meters.counter("trellis.inbox.dead-lettered", "consumer", consumer).increment();
                return false;
            } catch (RuntimeException e) {
                boolean transientFailure = isTransient(e);
                if (!transientFailure && attempt >= maxAttempts) {
                    meters.counter("trellis.inbox.failed", "consumer", consumer).increment();
                    LOG.errorf(e, "giving up on %s-%d@%d after %d attempts: dead-lettered", record.topic(),
                            record.partition(), record.offset(), attempt);
                    deadLetters.send(record, e);
                    meters.counter("trellis.inbox.dead-lettered", "consumer", consumer).increment();
                    return false;
                }
                long backoff = Math.min(5_000L, 100L << Math.min(attempt, 6));
                LOG.warnf("applying %s-%d@%d failed (attempt %d%s, retrying in %d ms): %s", record.topic(),
                        record.partition(), record.offset(), attempt, transientFailure ? ", transient" : "/" + maxAttempts,
                        backoff, e.toString());
                if (!sleep(backoff)) {
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
        if (!wanted(consumer, envelope, handler)) {
            return false;
        }
        TrellisEvent event = decode(envelope);
        if (event == null) {
            park(consumer, envelope, record);
            return false;
        }
        if (firstTime(consumer, List.of(new Id(envelope.id(), envelope.type()))).isEmpty()) {
            meters.counter("trellis.inbox.duplicates", "consumer", consumer).increment();
            LOG.debugf("skipping redelivered event %s (%s)", envelope.id(), envelope.type());
            return false;
        }
        apply(consumer, envelope, event, handler);
        return true;
    }

    /**
     * False for a record of a known type that the handler does not handle ({@link EventHandler#handles}): it is
     * acknowledged without parsing or recording it. Unknown types are wanted: they are parked for a later version.
     */
    private boolean wanted(String consumer, IncomingEvent envelope, EventHandler handler) {
        Optional<EventTypes.Descriptor> descriptor = EventTypes.byType(envelope.type());
        if (descriptor.isEmpty() || handler.handles(descriptor.get().javaType())) {
            return true;
        }
        meters.counter("trellis.inbox.skipped", "consumer", consumer).increment();
        return false;
    }

    /** The typed event, or null if this version does not know the type; poison if it cannot be read. */
    private TrellisEvent decode(IncomingEvent envelope) {
        Optional<EventTypes.Descriptor> descriptor = EventTypes.byType(envelope.type());
        if (descriptor.isEmpty()) {
            return null;
        }
        if (envelope.payload() == null) {
            throw new PoisonEventException("event " + envelope.id() + " has no payload");
        }
        try {
            return personal.open(envelope.payload(), descriptor.get().javaType());
        } catch (KeyVaultUnavailableException e) {
            throw e; // retried like any failure of the infrastructure
        } catch (Exception e) {
            throw new PoisonEventException("cannot parse " + envelope.type() + " " + envelope.id(), e);
        }
    }

    private void apply(String consumer, IncomingEvent envelope, TrellisEvent event, EventHandler handler) {
        String correlationId = envelope.correlationId() != null ? envelope.correlationId() : envelope.id().toString();
        Correlation.set(correlationId, envelope.id().toString(), envelope.actor());
        try {
            handler.handle(event, envelope);
            meters.counter("trellis.inbox.applied", "consumer", consumer, "type", envelope.type()).increment();
            LOG.debugf("applied %s %s", envelope.type(), envelope.id());
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

    /**
     * Looks at the parked events again with the next record of each consumer (after a start this happens anyway);
     * every {@code trellis.inbox.rescan-parked-every} ("off" to disable).
     */
    @io.quarkus.scheduler.Scheduled(every = "${trellis.inbox.rescan-parked-every:1m}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
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

    /** Records the ids as processed by this consumer (one statement); returns those not recorded before. */
    private java.util.Set<UUID> firstTime(String consumer, List<Id> ids) {
        java.util.Set<UUID> fresh = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return fresh;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO processed_event (consumer, event_id, event_type)
                     SELECT ?, i, t FROM unnest(?::uuid[], ?::text[]) AS x(i, t)
                     ON CONFLICT DO NOTHING RETURNING event_id""")) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("uuid", ids.stream().map(Id::id).toArray()));
            ps.setArray(3, c.createArrayOf("text", ids.stream().map(Id::type).toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
            return fresh;
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot record processed events of " + consumer, ex);
        }
    }
}
