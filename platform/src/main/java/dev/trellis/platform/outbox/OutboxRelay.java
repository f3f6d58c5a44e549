package dev.trellis.platform.outbox;

import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.OutboxSignal;
import dev.trellis.platform.kafka.KafkaClients;
import dev.trellis.platform.store.LongSessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the event store's unpublished rows to Kafka in position order (idempotent producer, acks=all), as
 * CloudEvents in binary mode, and marks them published only after the broker acknowledged them. The order of one
 * partition key's events is their commit order (the event store locks per key to the commit); rows of different
 * keys may commit out of position order, which is why the relay reads what is unpublished and never a position
 * range. Batches are pipelined: the next batch is read while the broker acknowledges the one before. Woken
 * in-process by a commit of this replica, by NOTIFY from another replica's commit ({@link OutboxSignal}), with a
 * slow poll as back-up. If the service dies between commit and send, the rows are still
 * unpublished and are sent on the next start: delivery is at-least-once, consumers de-duplicate by event id.
 *
 * <p>Only one replica of a service relays at a time: the relay holds a PostgreSQL advisory lock on its
 * listening connection; the other replicas wait for it.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK_KEY = 0x7472656c6c6973L; // "trellis"

    private final DataSource dataSource;
    private final OutboxSignal signal;
    private final KafkaClients kafka;
    private final String serviceName;
    private final boolean enabled;
    private final Duration pollInterval;
    private final int batchSize;
    private final Duration linger;
    private final Counter published;
    private final AtomicLong backlog = new AtomicLong();

    private volatile boolean running;
    private volatile boolean leader;
    private volatile Throwable lastError;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    private final LongSessions sessions;

    public OutboxRelay(DataSource dataSource, OutboxSignal signal, MeterRegistry meters, LongSessions sessions,
                       KafkaClients kafka,
                       @ConfigProperty(name = "trellis.service.name") String serviceName,
                       @ConfigProperty(name = "trellis.outbox.enabled", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "trellis.outbox.poll-interval", defaultValue = "PT2S") Duration pollInterval,
                       @ConfigProperty(name = "trellis.outbox.batch-size", defaultValue = "500") int batchSize,
                       @ConfigProperty(name = "trellis.outbox.linger", defaultValue = "PT0.001S") Duration linger) {
        this.dataSource = dataSource;
        this.signal = signal;
        this.sessions = sessions;
        this.kafka = kafka;
        this.serviceName = serviceName;
        this.enabled = enabled;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.linger = linger;
        this.published = meters.counter("trellis.outbox.published");
        meters.gauge("trellis.outbox.backlog", backlog);
    }

    void start(@Observes @Priority(10) StartupEvent ev) {
        if (!enabled) {
            LOG.info("outbox relay disabled");
            return;
        }
        // the connector's Kafka settings (bootstrap, TLS, SASL) plus the relay's own
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-outbox");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = kafka.producer(p);
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    public boolean isLeader() {
        return leader;
    }

    public long backlog() {
        return backlog.get();
    }

    public Throwable lastError() {
        return lastError;
    }

    /**
     * The LISTEN connection is a dedicated one (not from the pool): it holds the session-level advisory lock,
     * and it is closed for real on any error, so neither the lock nor the LISTEN can leak into pooled sessions.
     * A failed publish (broker down) keeps the lock and retries with back-off. The session has server-side TCP
     * keepalives and is probed with {@code SELECT 1} every few seconds ({@link LongSessions}): when this node dies,
     * PostgreSQL ends its backend and frees the lock within about half a minute, and when the session dies under a
     * live node (backend terminated, network cut), the relay notices, reconnects and competes for the lock again.
     */
    private void run() {
        while (running) {
            try (LongSessions.LongSession session = sessions.open(serviceName + "-outbox-relay")) {
                Connection listen = session.connection();
                leader = false;
                while (running && !leader) {
                    leader = tryLock(listen);
                    if (!leader) {
                        sleep(pollInterval);
                    }
                }
                try (Statement st = listen.createStatement()) {
                    st.execute("LISTEN " + EventStore.NOTIFY_CHANNEL);
                }
                LOG.infof("outbox relay of %s is publishing to %s", serviceName, kafka.settings());
                java.util.concurrent.atomic.AtomicReference<Exception> listenFailure = new java.util.concurrent.atomic.AtomicReference<>();
                // NOTIFYs of other replicas' commits: a thread blocked on the listen connection (no CPU while idle)
                Thread listener = new Thread(() -> {
                    try {
                        while (running) {
                            // bounded wait: close() must not wait forever; probes the session every few seconds
                            if (session.notifications(500).length > 0) {
                                signal.wake();
                            }
                        }
                    } catch (Exception e) {
                        listenFailure.set(e);
                        signal.wake();
                    }
                }, "outbox-listen");
                listener.setDaemon(true);
                listener.start();
                signal.localRelay(true);
                long backoff = 0;
                while (running) {
                    int sent;
                    try {
                        sent = publishBatch();
                        lastError = null;
                        backoff = 0;
                    } catch (SQLException | RuntimeException e) {
                        lastError = e;
                        abandonInFlight();
                        backoff = Math.min(10_000, backoff == 0 ? 500 : backoff * 2);
                        LOG.warnf("outbox relay could not publish (retrying in %d ms): %s", backoff, e.toString());
                        sleep(Duration.ofMillis(backoff));
                        continue;
                    }
                    if (sent == 0) {
                        // a commit of this replica, a NOTIFY of another one, or the back-up poll interval
                        signal.awaitLocal(pollInterval.toMillis());
                    }
                    if (listenFailure.get() != null) {
                        throw listenFailure.get(); // the listen session broke: reconnect (and take the lock again)
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                leader = false;
                signal.localRelay(false);
                abandonInFlight();
                if (running) {
                    lastError = e;
                    LOG.warnf("outbox relay lost its database session (reconnecting): %s", e.toString());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, ADVISORY_LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private record Row(long position, String topic, String key, byte[] payload, RecordHeaders headers) {
    }

    /** Sent, not yet acknowledged: the rows of the batch before the one being read (the relay's pipeline). */
    private final List<Row> inFlightRows = new ArrayList<>();
    private final List<Future<RecordMetadata>> inFlightAcks = new ArrayList<>();

    /**
     * One step of the pipeline: reads the next unpublished rows in position order (leaving out those in flight),
     * hands them to the producer without waiting, then waits for the acknowledgements of the batch sent before and
     * marks those rows published. So the broker round trip of one batch overlaps the read of the next; the producer
     * keeps the order of sends per partition (idempotent, at most 5 requests in flight), so the order of one key's
     * events is the order of their positions.
     *
     * @return the number of rows read and sent in this step (0: nothing new, everything sent is acknowledged)
     */
    int publishBatch() throws SQLException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT position, stream_id, event_id, event_type, topic, partition_key, payload::text,
                            correlation_id, causation_id, actor, recorded_at, stream_version
                     FROM event_store WHERE published_at IS NULL AND topic IS NOT NULL AND position <> ALL (?)
                     ORDER BY position LIMIT ?""")) {
            ps.setArray(1, c.createArrayOf("bigint", inFlightRows.stream().map(Row::position).toArray()));
            ps.setInt(2, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RecordHeaders h = new RecordHeaders();
                    header(h, "ce_specversion", "1.0");
                    header(h, "ce_id", rs.getString("event_id"));
                    header(h, "ce_type", rs.getString("event_type"));
                    header(h, "ce_source", "//trellis/" + serviceName);
                    header(h, "ce_subject", rs.getString("partition_key"));
                    header(h, "ce_time", DateTimeFormatter.ISO_INSTANT.format(rs.getTimestamp("recorded_at").toInstant()));
                    header(h, "content-type", "application/json");
                    header(h, "ce_correlationid", rs.getString("correlation_id"));
                    header(h, "ce_causationid", rs.getString("causation_id"));
                    header(h, "ce_actor", rs.getString("actor"));
                    header(h, "ce_streamversion", Long.toString(rs.getLong("stream_version")));
                    rows.add(new Row(rs.getLong("position"), rs.getString("topic"), rs.getString("partition_key"),
                            rs.getString("payload").getBytes(StandardCharsets.UTF_8), h));
                }
            }
        }
        backlog.set(rows.size() + inFlightRows.size());
        List<Row> previousRows = new ArrayList<>(inFlightRows);
        List<Future<RecordMetadata>> previousAcks = new ArrayList<>(inFlightAcks);
        inFlightRows.clear();
        inFlightAcks.clear();
        for (Row r : rows) {
            inFlightRows.add(r);
            inFlightAcks.add(producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.payload(), r.headers())));
        }
        if (previousRows.isEmpty() && !rows.isEmpty()) {
            return rows.size(); // the first batch after a pause: read the next one while this one travels
        }
        acknowledge(previousRows, previousAcks);
        return rows.size();
    }

    /** Waits for the acknowledgements of sent rows and marks the acknowledged ones published (exact positions). */
    private void acknowledge(List<Row> rows, List<Future<RecordMetadata>> acks) throws SQLException, InterruptedException {
        if (rows.isEmpty()) {
            return;
        }
        List<Long> acked = new ArrayList<>(rows.size());
        Exception failure = null;
        for (int i = 0; i < rows.size(); i++) {
            try {
                acks.get(i).get();
                acked.add(rows.get(i).position());
            } catch (ExecutionException e) {
                failure = e; // the rest stays unpublished and is sent again (consumers drop duplicates by event id)
                break;
            }
        }
        if (!acked.isEmpty()) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("""
                         UPDATE event_store SET published_at = now() WHERE position = ANY (?)""")) {
                // exact positions, never a range: a row with a lower position may commit after this batch was read
                ps.setArray(1, c.createArrayOf("bigint", acked.toArray()));
                ps.executeUpdate();
            }
            published.increment(acked.size());
        }
        if (failure != null) {
            // the broker's reason in the message: the log line and /q/health's lastError show it (e.g. a failed login)
            throw new IllegalStateException("publishing failed after " + acked.size() + " event(s): "
                    + (failure.getCause() == null ? failure : failure.getCause()), failure);
        }
    }

    /**
     * After a failure: forget what is in flight (unacknowledged rows stay unpublished and are read again). A send
     * that still succeeds later is published twice; consumers drop the duplicate by event id.
     */
    private void abandonInFlight() {
        inFlightRows.clear();
        inFlightAcks.clear();
    }

    private static void header(RecordHeaders h, String name, String value) {
        if (value != null) {
            h.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
