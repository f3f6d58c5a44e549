package dev.trellis.platform.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Dedicated (unpooled) PostgreSQL sessions that live for long: the outbox relay's advisory lock + LISTEN, the
 * badge LISTEN. Such a session must not outlive a dead peer on either side:
 * <ul>
 * <li>server side: {@code tcp_keepalives_idle/interval/count} and {@code tcp_user_timeout} are SET on the session,
 * so PostgreSQL ends the backend of a vanished client (and frees its session-level advisory lock) within about
 * {@code idle + interval * count} seconds instead of the OS default of 2 hours and more;</li>
 * <li>client side: {@link LongSession#notifications} runs {@code SELECT 1} every {@code probe-every} on the
 * session, and every read has a socket timeout ({@code socket-timeout}), so a silent network failure surfaces
 * as an SQLException within seconds: the caller reconnects.</li>
 * </ul>
 * Each session carries {@code application_name=trellis-<purpose>}, so it can be found in pg_stat_activity.
 * <p>
 * {@link #exclusively} runs a periodic sweep on one replica at a time (the others skip that round).
 */
@ApplicationScoped
public class LongSessions {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LongSessions.class);
    /** First key of the sweep locks {@code (SWEEP_LOCK_CLASS, hashtext(name))}: apart from every one-key lock. */
    public static final int SWEEP_LOCK_CLASS = 0x74727377; // "trsw"
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int keepalivesIdle;
    private final int keepalivesInterval;
    private final int keepalivesCount;
    private final int tcpUserTimeoutMillis;
    private final Duration probeEvery;
    private final Duration socketTimeout;

    public LongSessions(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                        @ConfigProperty(name = "quarkus.datasource.username") String user,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                        @ConfigProperty(name = "trellis.db.long-session.keepalives-idle", defaultValue = "10") int keepalivesIdle,
                        @ConfigProperty(name = "trellis.db.long-session.keepalives-interval", defaultValue = "5") int keepalivesInterval,
                        @ConfigProperty(name = "trellis.db.long-session.keepalives-count", defaultValue = "3") int keepalivesCount,
                        @ConfigProperty(name = "trellis.db.long-session.tcp-user-timeout", defaultValue = "15000") int tcpUserTimeoutMillis,
                        @ConfigProperty(name = "trellis.db.long-session.probe-every", defaultValue = "PT5S") Duration probeEvery,
                        @ConfigProperty(name = "trellis.db.long-session.socket-timeout", defaultValue = "PT15S") Duration socketTimeout) {
        if (probeEvery.toMillis() < 1 || socketTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("trellis.db.long-session.probe-every must be > 0 and socket-timeout >= 1s");
        }
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password.orElse("");
        this.keepalivesIdle = keepalivesIdle;
        this.keepalivesInterval = keepalivesInterval;
        this.keepalivesCount = keepalivesCount;
        this.tcpUserTimeoutMillis = tcpUserTimeoutMillis;
        this.probeEvery = probeEvery;
        this.socketTimeout = socketTimeout;
    }

    /** A new session in auto-commit mode with the keepalive settings in effect; closed again if they cannot be set. */
    public LongSession open(String purpose) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
        p.setProperty("ApplicationName", "trellis-" + purpose);
        Connection c = DriverManager.getConnection(jdbcUrl, p);
        try {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("SET tcp_keepalives_idle = " + keepalivesIdle);
                st.execute("SET tcp_keepalives_interval = " + keepalivesInterval);
                st.execute("SET tcp_keepalives_count = " + keepalivesCount);
                st.execute("SET tcp_user_timeout = " + tcpUserTimeoutMillis);
            }
            return new LongSession(c, probeEvery.toMillis());
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Runs {@code work} unless another replica is running the work of the same {@code name} right now: holds the
     * advisory lock {@code (SWEEP_LOCK_CLASS, hashtext(name))} on a session of its own for the duration, so the
     * lock goes with that session whatever happens (a dead node's session ends by the keepalive settings).
     *
     * @return the work's result, or empty if another replica holds the lock (this round is skipped)
     */
    public <T> Optional<T> exclusively(String name, Supplier<T> work) {
        try (LongSession session = open("sweep-" + name)) {
            try (PreparedStatement ps = session.connection().prepareStatement(
                    "SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, SWEEP_LOCK_CLASS);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        LOG.debugf("%s runs on another replica now: skipped here", name);
                        return Optional.empty();
                    }
                }
            }
            return Optional.ofNullable(work.get()); // closing the session releases the lock
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the lock of " + name + ": " + e.getMessage(), e);
        }
    }

    /** One long-lived session: its connection, and a wait for notifications that probes the session as it goes. */
    public static final class LongSession implements AutoCloseable {
        private final Connection connection;
        private final PGConnection pg;
        private final long probeEveryMillis;
        private long lastProbe = System.nanoTime();

        LongSession(Connection connection, long probeEveryMillis) throws SQLException {
            this.connection = connection;
            this.pg = connection.unwrap(PGConnection.class);
            this.probeEveryMillis = probeEveryMillis;
        }

        public Connection connection() {
            return connection;
        }

        /**
         * The notifications that arrive within {@code timeoutMillis} (at most probe-every: callers loop), empty if
         * none; a {@code SELECT 1} first when the last probe is probe-every ago. Throws when the session is broken.
         */
        public PGNotification[] notifications(long timeoutMillis) throws SQLException {
            if ((System.nanoTime() - lastProbe) / 1_000_000 >= probeEveryMillis) {
                probe();
            }
            PGNotification[] got = pg.getNotifications((int) Math.max(1, Math.min(timeoutMillis, probeEveryMillis)));
            return got == null ? new PGNotification[0] : got;
        }

        /** {@code SELECT 1} on the session: throws if the server or the network is gone. */
        public void probe() throws SQLException {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
            lastProbe = System.nanoTime();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
