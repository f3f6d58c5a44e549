package dev.trellis.platform.outbox;

import dev.trellis.platform.eventstore.EventStore;
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
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the event store's unpublished rows to Kafka in global order (idempotent producer, acks=all), as
 * CloudEvents in binary mode, and marks them published only after the broker acknowledged them. Woken by
 * LISTEN/NOTIFY, with a slow poll as back-up. If the service dies between commit and send, the rows are still
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
    private final String bootstrapServers;
    private final String serviceName;
    private final boolean enabled;
    private final Duration pollInterval;
    private final int batchSize;
    private final Counter published;
    private final AtomicLong backlog = new AtomicLong();

    private volatile boolean running;
    private volatile boolean leader;
    private volatile Throwable lastError;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;

    public OutboxRelay(DataSource dataSource, MeterRegistry meters,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") String jdbcUser,
                       @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> jdbcPassword,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "trellis.service.name") String serviceName,
                       @ConfigProperty(name = "trellis.outbox.enabled", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "trellis.outbox.poll-interval", defaultValue = "PT2S") Duration pollInterval,
                       @ConfigProperty(name = "trellis.outbox.batch-size", defaultValue = "500") int batchSize) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword.orElse("");
        this.bootstrapServers = bootstrapServers;
        this.serviceName = serviceName;
        this.enabled = enabled;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.published = meters.counter("trellis.outbox.published");
        meters.gauge("trellis.outbox.backlog", backlog);
    }

    void start(@Observes @Priority(10) StartupEvent ev) {
        if (!enabled) {
            LOG.info("outbox relay disabled");
            return;
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-outbox");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
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
     * A failed publish (broker down) keeps the lock and retries with back-off.
     */
    private void run() {
        while (running) {
            try (Connection listen = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword)) {
                listen.setAutoCommit(true);
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
                LOG.infof("outbox relay of %s is publishing to %s", serviceName, bootstrapServers);
                PGConnection pg = listen.unwrap(PGConnection.class);
                long backoff = 0;
                while (running) {
                    int sent;
                    try {
                        sent = publishBatch();
                        lastError = null;
                        backoff = 0;
                    } catch (SQLException | RuntimeException e) {
                        lastError = e;
                        backoff = Math.min(10_000, backoff == 0 ? 500 : backoff * 2);
                        LOG.warnf("outbox relay could not publish (retrying in %d ms): %s", backoff, e.toString());
                        sleep(Duration.ofMillis(backoff));
                        continue;
                    }
                    if (sent < batchSize) {
                        // wait for a NOTIFY from a committed append, or the back-up poll interval; this also
                        // notices a broken listen connection (it throws) and drains the notification queue
                        pg.getNotifications((int) pollInterval.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                leader = false;
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

    /** Sends one batch in position order; marks published the prefix that the broker acknowledged. */
    int publishBatch() throws SQLException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT position, stream_id, event_id, event_type, topic, partition_key, payload::text,
                            correlation_id, causation_id, actor, recorded_at, stream_version
                     FROM event_store WHERE published_at IS NULL AND topic IS NOT NULL
                     ORDER BY position LIMIT ?""")) {
            ps.setInt(1, batchSize);
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
        backlog.set(rows.size());
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row r : rows) {
            acks.add(producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.payload(), r.headers())));
        }
        producer.flush();
        List<Long> acked = new ArrayList<>(rows.size());
        int ackedCount = 0;
        Exception failure = null;
        for (int i = 0; i < rows.size(); i++) {
            try {
                acks.get(i).get();
                acked.add(rows.get(i).position());
                ackedCount++;
            } catch (ExecutionException e) {
                failure = e; // keep global order: only the acknowledged prefix is marked, the rest is resent
                break;
            }
        }
        if (ackedCount > 0) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("""
                         UPDATE event_store SET published_at = now() WHERE position = ANY (?)""")) {
                // exact positions, never a range: a row with a lower position may commit after this batch was read
                ps.setArray(1, c.createArrayOf("bigint", acked.toArray()));
                ps.executeUpdate();
            }
            published.increment(ackedCount);
        }
        if (failure != null) {
            throw new IllegalStateException("publishing failed after " + ackedCount + " event(s)", failure);
        }
        return rows.size();
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
