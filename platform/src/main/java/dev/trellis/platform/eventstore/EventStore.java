package dev.trellis.platform.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trellis.events.EventTypes;
import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.crypto.PersonalData;
import dev.trellis.platform.observability.Correlation;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Append-only event store of one service (table {@code event_store}), which is also its outbox.
 * Appending is the only write; callers rebuild state from {@link #load(String)}. Every method joins the
 * caller's transaction, so the events and the caller's read-model changes commit together. Personal fields are
 * written encrypted and read back decrypted ({@link PersonalData}).
 */
@ApplicationScoped
public class EventStore {
    public static final String NOTIFY_CHANNEL = "trellis_outbox";
    /**
     * The first key of the per-partition-key transaction locks ({@code pg_advisory_xact_lock(int, int)}: a key
     * space of its own, apart from the relay's single-bigint session lock).
     */
    static final int KEY_LOCK_SPACE = 0x74726b79; // "trky"
    private static final Logger LOG = Logger.getLogger(EventStore.class);

    private final DataSource dataSource;
    private final PersonalData personal;
    private final MeterRegistry meters;
    private final OutboxSignal signal;

    public EventStore(DataSource dataSource, PersonalData personal, MeterRegistry meters, OutboxSignal signal) {
        this.dataSource = dataSource;
        this.personal = personal;
        this.meters = meters;
        this.signal = signal;
    }

    /** Loads a stream's events in order; version 0 and no events if it does not exist. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventStream load(String streamId) {
        List<TrellisEvent> events = new ArrayList<>();
        long version = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT stream_version, event_type, payload::text FROM event_store WHERE stream_id = ? ORDER BY stream_version")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    version = rs.getLong(1);
                    String type = rs.getString(2);
                    var descriptor = EventTypes.byType(type)
                            .orElseThrow(() -> new IllegalStateException("unknown stored event type " + type));
                    events.add(personal.open(rs.getString(3), descriptor.javaType()));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot load stream " + streamId, e);
        }
        return new EventStream(streamId, version, List.copyOf(events));
    }

    /** Appends public events after {@code expectedVersion}; fails with {@link ConcurrencyException} if someone was first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<StoredEvent> append(String streamId, long expectedVersion, List<? extends TrellisEvent> events) {
        return appendAll(streamId, expectedVersion, events.stream().map(NewEvent::of).toList());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<StoredEvent> appendAll(String streamId, long expectedVersion, List<NewEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        String correlationId = Correlation.correlationId();
        String causationId = Correlation.causationId();
        String actor = Correlation.actor();
        List<StoredEvent> stored = new ArrayList<>(events.size());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO event_store (stream_id, stream_version, event_id, event_type, topic, partition_key,
                                              payload, correlation_id, causation_id, actor)
                     VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                     RETURNING position, recorded_at""")) {
            lockKeys(c, events);
            long version = expectedVersion;
            for (NewEvent e : events) {
                version++;
                UUID eventId = UUID.randomUUID();
                String payload = personal.seal(e.event());
                ps.setString(1, streamId);
                ps.setLong(2, version);
                ps.setObject(3, eventId);
                ps.setString(4, e.type());
                if (e.topic() == null) {
                    ps.setNull(5, Types.VARCHAR);
                } else {
                    ps.setString(5, e.topic());
                }
                ps.setString(6, e.partitionKey());
                ps.setString(7, payload);
                ps.setString(8, correlationId);
                ps.setString(9, causationId);
                ps.setString(10, actor);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Timestamp at = rs.getTimestamp(2);
                    stored.add(new StoredEvent(rs.getLong(1), streamId, version, eventId, e.type(), e.topic(),
                            e.partitionKey(), payload, correlationId, causationId, actor, at.toInstant()));
                }
                meters.counter("trellis.events.appended", "type", e.type()).increment();
            }
            if (events.stream().anyMatch(e -> e.topic() != null)) {
                signal.afterCommit();
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("event_store_stream_version")) {
                throw new ConcurrencyException(streamId, expectedVersion);
            }
            throw new IllegalStateException("cannot append to stream " + streamId, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event for stream " + streamId, e);
        }
        LOG.debugf("appended %d event(s) to %s", stored.size(), streamId);
        return stored;
    }

    /**
     * Takes a transaction lock per partition key of the events (sorted, so that two appends never wait for each
     * other in a circle), held to the commit. Appends of different keys commit concurrently (PostgreSQL's group
     * commit works for them); appends of one key take turns, so the positions of one key are handed out in commit
     * order and the relay, which publishes committed rows in position order, never reorders one key's events:
     * a row of key K that is not committed yet holds K's lock, so no later row of K can be committed before it.
     * Rows of different keys may commit out of position order; the relay never relies on a position range, it
     * reads what is unpublished.
     */
    private static void lockKeys(Connection c, List<NewEvent> events) throws SQLException {
        int[] keys = events.stream().filter(e -> e.topic() != null).mapToInt(e -> e.partitionKey().hashCode())
                .distinct().sorted().toArray();
        if (keys.length == 0) {
            return;
        }
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT pg_advisory_xact_lock(?, k) FROM unnest(?::int[]) AS k ORDER BY k")) {
            lock.setInt(1, KEY_LOCK_SPACE);
            lock.setArray(2, c.createArrayOf("integer", java.util.Arrays.stream(keys).boxed().toArray()));
            lock.execute();
        }
    }
}
