package dev.trellis.bench;

import dev.trellis.connection.index.GraphIndex;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The PostgreSQL baseline: the same edges in a table shaped like connection-service's {@code connection}
 * table (one row per direction, primary key (member_id, other_id)), and the same questions as SQL.
 */
final class SqlBaseline implements AutoCloseable {
    static final String DEGREE = """
            SELECT CASE
              WHEN EXISTS (SELECT 1 FROM connection WHERE member_id = ? AND other_id = ?) THEN 1
              WHEN EXISTS (SELECT 1 FROM connection x
                           JOIN connection y ON y.member_id = ? AND y.other_id = x.other_id
                           WHERE x.member_id = ?) THEN 2
              WHEN EXISTS (SELECT 1 FROM connection x
                           JOIN connection m ON m.member_id = x.other_id
                           JOIN connection y ON y.member_id = ? AND y.other_id = m.other_id
                           WHERE x.member_id = ?) THEN 3
              ELSE -1 END""";
    static final String MUTUALS = """
            SELECT x.other_id, count(*) OVER () AS total
            FROM connection x JOIN connection y ON y.member_id = ? AND y.other_id = x.other_id
            WHERE x.member_id = ?
            ORDER BY x.other_id LIMIT 20""";
    static final String PYMK = """
            SELECT f2.other_id, count(*) AS mutual
            FROM connection f1 JOIN connection f2 ON f2.member_id = f1.other_id
            WHERE f1.member_id = ? AND f2.other_id <> ?
              AND NOT EXISTS (SELECT 1 FROM connection d WHERE d.member_id = ? AND d.other_id = f2.other_id)
            GROUP BY f2.other_id
            ORDER BY mutual DESC, f2.other_id LIMIT 20""";
    static final String SECOND = """
            SELECT count(*) FROM (
              SELECT DISTINCT f2.other_id
              FROM connection f1 JOIN connection f2 ON f2.member_id = f1.other_id
              WHERE f1.member_id = ? AND f2.other_id <> ?
                AND NOT EXISTS (SELECT 1 FROM connection d WHERE d.member_id = ? AND d.other_id = f2.other_id)
            ) s""";

    private final String url;
    private final String user;
    private Connection conn;
    private PreparedStatement degree;
    private PreparedStatement mutuals;
    private PreparedStatement pymk;
    private PreparedStatement second;
    long loadMillis;
    long indexMillis;
    boolean reused;
    String serverVersion;
    String tableSize;

    SqlBaseline(String url, String user) {
        this.url = url;
        this.user = user;
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }

    /** Creates the database if needed, and (re)loads the table unless it already holds this graph. */
    void prepare(GraphIndex index, String fingerprint, int copyThreads) throws Exception {
        String db = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection c = connect(admin); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'");
            if (!rs.next()) {
                st.execute("CREATE DATABASE " + db);
            }
        }
        conn = connect(url);
        conn.setAutoCommit(true);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS bench_meta (fingerprint TEXT PRIMARY KEY, loaded_at TIMESTAMPTZ,"
                    + " load_ms BIGINT, index_ms BIGINT)");
            ResultSet rs = st.executeQuery("SELECT load_ms, index_ms FROM bench_meta WHERE fingerprint = '" + fingerprint
                    + "' AND to_regclass('connection') IS NOT NULL");
            if (rs.next()) {
                reused = true;
                loadMillis = rs.getLong(1);
                indexMillis = rs.getLong(2);
                System.err.println("  PostgreSQL already holds this graph (" + fingerprint + "): reusing it");
            } else {
                load(index, copyThreads);
                st.execute("DELETE FROM bench_meta");
                st.execute("INSERT INTO bench_meta VALUES ('" + fingerprint + "', now(), " + loadMillis + ", "
                        + indexMillis + ")");
            }
            rs = st.executeQuery("SELECT version(), pg_size_pretty(pg_table_size('connection')) || ' table + '"
                    + " || pg_size_pretty(pg_indexes_size('connection')) || ' index'");
            rs.next();
            serverVersion = rs.getString(1);
            tableSize = rs.getString(2);
            try {
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
                System.err.println("  prewarming the table and index into the OS cache");
                st.execute("SELECT pg_prewarm('connection', 'read'), pg_prewarm('connection_pkey', 'read')");
            } catch (SQLException e) {
                System.err.println("  (no pg_prewarm: " + e.getMessage() + ")");
            }
            st.execute("SET jit = off");
            st.execute("SET work_mem = '256MB'");
        }
        degree = conn.prepareStatement(DEGREE);
        mutuals = conn.prepareStatement(MUTUALS);
        pymk = conn.prepareStatement(PYMK);
        second = conn.prepareStatement(SECOND);
    }

    private void load(GraphIndex index, int threads) throws Exception {
        try (Statement st = conn.createStatement()) {
            st.execute("DROP TABLE IF EXISTS connection");
            // UNLOGGED: a throw-away benchmark table need not be WAL-logged; queries are unaffected.
            st.execute("CREATE UNLOGGED TABLE connection (member_id UUID NOT NULL, other_id UUID NOT NULL)");
        }
        int n = index.memberCount();
        byte[][] text = new byte[n][];
        for (int i = 0; i < n; i++) {
            text[i] = index.memberId(i).toString().getBytes(StandardCharsets.US_ASCII);
        }
        long arcs = 2 * index.connectionCount();
        // split members into ranges with about equal arcs
        int[] bounds = new int[threads + 1];
        long acc = 0;
        int t = 1;
        for (int i = 0; i < n && t < threads; i++) {
            acc += index.connectionCountOf(i);
            if (acc >= arcs * t / threads) {
                bounds[t++] = i + 1;
            }
        }
        for (; t <= threads; t++) {
            bounds[t] = n;
        }
        AtomicLong copied = new AtomicLong();
        Progress bar = new Progress("COPY into PostgreSQL", arcs);
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int k = 0; k < threads; k++) {
            int from = bounds[k];
            int to = bounds[k + 1];
            Thread th = new Thread(() -> {
                try (Connection c = connect(url)) {
                    c.setAutoCommit(true);
                    copyRange(c, index, text, from, to, copied);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "copy-" + k);
            th.start();
            workers.add(th);
        }
        while (workers.stream().anyMatch(Thread::isAlive)) {
            bar.update(copied.get());
            Thread.sleep(200);
        }
        bar.done();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("COPY failed", failures.get(0));
        }
        loadMillis = (System.nanoTime() - t0) / 1_000_000;
        System.err.printf("  copied %,d rows in %.1f s; building the primary key and VACUUM ANALYZE...%n", arcs,
                loadMillis / 1000.0);
        long t1 = System.nanoTime();
        try (Statement st = conn.createStatement()) {
            st.execute("SET maintenance_work_mem = '2GB'");
            st.execute("SET max_parallel_maintenance_workers = 2");
            st.execute("ALTER TABLE connection ADD PRIMARY KEY (member_id, other_id)");
            st.execute("VACUUM (ANALYZE) connection");
        }
        indexMillis = (System.nanoTime() - t1) / 1_000_000;
        System.err.printf("  primary key + vacuum analyze in %.1f s%n", indexMillis / 1000.0);
    }

    private static void copyRange(Connection c, GraphIndex index, byte[][] text, int from, int to, AtomicLong copied)
            throws SQLException, IOException {
        PGConnection pg = c.unwrap(PGConnection.class);
        try (OutputStream out = new BufferedOutputStream(
                new PGCopyOutputStream(pg, "COPY connection (member_id, other_id) FROM STDIN", 1 << 20), 1 << 20)) {
            long local = 0;
            for (int a = from; a < to; a++) {
                byte[] ta = text[a];
                for (int b : index.connectionsOf(a)) {
                    out.write(ta);
                    out.write('\t');
                    out.write(text[b]);
                    out.write('\n');
                    if ((++local & 0x3FFF) == 0) {
                        copied.addAndGet(0x4000);
                    }
                }
            }
        }
    }

    int degree(UUID a, UUID b) throws SQLException {
        if (a.equals(b)) {
            return 0;
        }
        degree.setObject(1, a);
        degree.setObject(2, b);
        degree.setObject(3, b);
        degree.setObject(4, a);
        degree.setObject(5, b);
        degree.setObject(6, a);
        try (ResultSet rs = degree.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** {count, first-page size}. */
    int[] mutuals(UUID a, UUID b) throws SQLException {
        mutuals.setObject(1, b);
        mutuals.setObject(2, a);
        int total = 0;
        int page = 0;
        try (ResultSet rs = mutuals.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
                total = rs.getInt(2);
                page++;
            }
        }
        return new int[]{total, page};
    }

    /** The mutual counts of the top 20, best first. */
    int[] pymk(UUID a) throws SQLException {
        pymk.setObject(1, a);
        pymk.setObject(2, a);
        pymk.setObject(3, a);
        List<Integer> counts = new ArrayList<>();
        try (ResultSet rs = pymk.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
                counts.add(rs.getInt(2));
            }
        }
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    int secondDegreeSize(UUID a) throws SQLException {
        second.setObject(1, a);
        second.setObject(2, a);
        second.setObject(3, a);
        try (ResultSet rs = second.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    void statementTimeout(int seconds) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SET statement_timeout = '" + seconds + "s'");
        }
    }

    static IntFunction<UUID> ids(GraphIndex index) {
        return index::memberId;
    }

    @Override
    public void close() throws SQLException {
        if (conn != null) {
            conn.close();
        }
    }
}
