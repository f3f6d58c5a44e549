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

/**
 * The idempotent consumer. {@link #handle} parses a CloudEvent, skips it if this consumer already applied its
 * id, otherwise applies it and records the id in the same transaction as the projection change. Unknown types
 * are skipped (and recorded); unparseable events throw {@link PoisonEventException}, which the channel's
 * dead-letter-queue failure strategy sends to the service's dead-letter topic.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    private final int maxAttempts;

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
        if (!firstTime(consumer, envelope)) {
            meters.counter("trellis.inbox.duplicates", "consumer", consumer).increment();
            LOG.debugf("skipping redelivered event %s (%s)", envelope.id(), envelope.type());
            return false;
        }
        if (event == null) {
            LOG.debugf("skipping event of unknown type %s", envelope.type());
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
