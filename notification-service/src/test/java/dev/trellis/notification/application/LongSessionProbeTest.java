package dev.trellis.notification.application;

import dev.trellis.platform.store.LongSessions;
import dev.trellis.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The long-lived sessions of the outbox relay and the badge listener ({@link LongSessions}) against the real
 * PostgreSQL, through a TCP relay on 127.0.0.1 that can go silent: a network that drops every packet without
 * closing anything, as a dead peer or a cut link does. Waiting for notifications alone never notices that.
 */
class LongSessionProbeTest {
    private final FreezingProxy proxy = new FreezingProxy();

    @AfterEach
    void stop() throws IOException {
        proxy.close();
    }

    LongSessions sessions() {
        return new LongSessions("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", TestDatabases.user(),
                Optional.of(TestDatabases.password()), 10, 5, 3, 15000, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void the_server_side_keepalive_settings_are_in_effect_on_the_session() throws Exception {
        try (LongSessions.LongSession s = sessions().open("test-settings");
             Statement st = s.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN "
                     + "('tcp_keepalives_idle', 'tcp_keepalives_interval', 'tcp_keepalives_count', 'tcp_user_timeout') "
                     + "UNION ALL SELECT 'application_name', current_setting('application_name') ORDER BY 1")) {
            Map<String, String> got = new java.util.TreeMap<>();
            while (rs.next()) {
                got.put(rs.getString(1), rs.getString(2));
            }
            assertEquals(Map.of("application_name", "trellis-test-settings", "tcp_keepalives_count", "3",
                    "tcp_keepalives_idle", "10", "tcp_keepalives_interval", "5", "tcp_user_timeout", "15000"), got);
        }
    }

    @Test
    void notifications_arrive_and_a_silent_network_fails_the_wait_within_seconds() throws Exception {
        try (LongSessions.LongSession s = sessions().open("test-probe")) {
            try (Statement st = s.connection().createStatement()) {
                st.execute("LISTEN trellis_probe_test");
            }
            try (Connection other = DriverManager.getConnection(TestDatabases.jdbcUrl("postgres"), TestDatabases.user(),
                    TestDatabases.password()); Statement st = other.createStatement()) {
                st.execute("NOTIFY trellis_probe_test, 'hello'");
            }
            List<String> got = new java.util.ArrayList<>();
            long until = System.currentTimeMillis() + 10_000;
            while (got.isEmpty() && System.currentTimeMillis() < until) {
                for (var n : s.notifications(500)) {
                    got.add(n.getParameter());
                }
            }
            assertEquals(List.of("hello"), got);

            proxy.freeze();
            // probe every 1 s, socket timeout 2 s: the wait fails after about 3 s instead of never
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(SQLException.class, () -> {
                while (true) {
                    s.notifications(500);
                }
            }));
        }
    }

    /** Forwards 127.0.0.1:&lt;port&gt; to PostgreSQL; once frozen, holds every byte and closes nothing. */
    static final class FreezingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile boolean frozen;

        FreezingProxy() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread acceptor = new Thread(this::accept, "freezing-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void freeze() {
            frozen = true;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket pg = new Socket(TestDatabases.host(), Integer.parseInt(TestDatabases.port()));
                    sockets.add(client);
                    sockets.add(pg);
                    pump(client.getInputStream(), pg.getOutputStream());
                    pump(pg.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void pump(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        while (frozen) {
                            Thread.sleep(50);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the proxy is closed
                }
            }, "freezing-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
            frozen = false; // the pumps end on the closed sockets
        }
    }
}
