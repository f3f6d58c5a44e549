package dev.trellis.testing;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP tap between a service under test and PostgreSQL that reads the frontend side of the wire protocol and
 * records, per connection, every statement the server is asked to execute (extended-protocol Execute, or a simple
 * Query) grouped into transactions (BEGIN ... COMMIT/ROLLBACK, or one autocommit statement), with the round trips
 * each took (Sync messages: the client waits for the server's ReadyForQuery after each). It counts what really
 * goes over the wire, from every layer (Hibernate, the event store's JDBC, the inbox), so a test can bound the
 * statements of one command. Shared by the whole test JVM, like {@link InJvmKafka}.
 */
public final class PgStatementLog {
    /** One finished transaction: the statements in order (BEGIN and COMMIT included) and the round trips. */
    public record Transaction(int connection, List<String> statements, List<Integer> trips, int roundTrips) {
        /**
         * The statements other than BEGIN, COMMIT and ROLLBACK, the driver's own catalog lookups (pgjdbc fills its
         * per-connection type cache on first use: a cost of a fresh connection, not of the command) and the markers
         * of round trips without a statement.
         */
        public List<String> body() {
            return statements.stream().filter(s -> !control(s) && !s.startsWith(MARK) && !catalog(s)).toList();
        }

        /** The driver's catalog lookups among the statements (each one a round trip of its own). */
        public long catalogLookups() {
            return statements.stream().filter(PgStatementLog::catalog).count();
        }

        /** The round trips of the command: all but those of the driver's catalog lookups. */
        public long commandRoundTrips() {
            return roundTrips - catalogLookups();
        }

        public boolean any(String fragment) {
            String f = fragment.toLowerCase(Locale.ROOT);
            return statements.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(f));
        }

        public long count(String fragment) {
            String f = fragment.toLowerCase(Locale.ROOT);
            return statements.stream().filter(s -> s.toLowerCase(Locale.ROOT).contains(f)).count();
        }

        /** One line per statement, for a test's output. */
        public String describe() {
            StringBuilder b = new StringBuilder(body().size() + " statements, " + commandRoundTrips() + " round trips"
                    + (catalogLookups() == 0 ? "" : " (and " + catalogLookups() + " catalog lookups of the driver)") + ":");
            for (int i = 0; i < statements.size(); i++) {
                b.append("\n    [").append(trips.get(i)).append("] ").append(statements.get(i).replaceAll("\\s+", " ").strip());
            }
            return b.toString();
        }
    }

    private static final ConcurrentLinkedQueue<Transaction> FINISHED = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static ServerSocket server;

    /** Starts the tap in front of {@code host:port} (once per JVM) and returns the local port to connect to. */
    public static synchronized int start(String host, int port) {
        if (server == null) {
            try {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Thread t = new Thread(() -> accept(s, host, port), "pg-statement-log");
                t.setDaemon(true);
                t.start();
                server = s;
            } catch (IOException e) {
                throw new IllegalStateException("cannot open the PostgreSQL tap", e);
            }
        }
        return server.getLocalPort();
    }

    /** Forgets the transactions recorded so far. */
    public static void clear() {
        FINISHED.clear();
    }

    public static List<Transaction> transactions() {
        return List.copyOf(FINISHED);
    }

    /**
     * The one finished transaction matching {@code which}, waiting up to {@code timeout} for it; fails if none or
     * more than one matched.
     */
    public static Transaction awaitOne(Predicate<Transaction> which, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Transaction> found = FINISHED.stream().filter(which).toList();
            if (found.size() > 1) {
                throw new AssertionError(found.size() + " transactions matched, expected one: " + found);
            }
            if (found.size() == 1) {
                return found.get(0);
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no transaction matched within " + timeout + "; recorded: " + FINISHED);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Marks a round trip that executed nothing (a Parse or Describe the driver waited for). */
    static final String MARK = "-- round trip without a statement: ";

    static boolean catalog(String sql) {
        return sql.contains("pg_catalog.") || sql.contains("FROM pg_type") || sql.contains("FROM pg_catalog");
    }

    static boolean control(String sql) {
        String s = sql.strip().toUpperCase(Locale.ROOT);
        return s.equals("BEGIN") || s.equals("COMMIT") || s.equals("ROLLBACK") || s.startsWith("BEGIN ");
    }

    private static void accept(ServerSocket s, String host, int port) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(host, port);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                int id = CONNECTIONS.incrementAndGet();
                daemon(() -> copy(upstream, client), "pg-tap-" + id + "-down");
                daemon(() -> new Frontend(id, client, upstream).run(), "pg-tap-" + id + "-up");
            } catch (IOException e) {
                if (!s.isClosed()) {
                    System.err.println("pg tap: " + e);
                }
            }
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void copy(Socket from, Socket to) {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the other side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** Reads what the client sends, records it, and passes it on unchanged. */
    private static final class Frontend {
        private final int id;
        private final Socket client;
        private final Socket upstream;
        private final Map<String, String> statements = new HashMap<>();
        private final Map<String, String> portals = new HashMap<>();
        private List<String> current = new ArrayList<>();
        private List<Integer> trips = new ArrayList<>();
        private int roundTrips;
        private boolean inTransaction;
        private boolean ending;
        private boolean executedSinceSync;
        private String lastParsed = "";

        Frontend(int id, Socket client, Socket upstream) {
            this.id = id;
            this.client = client;
            this.upstream = upstream;
        }

        void run() {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
                 OutputStream out = new java.io.BufferedOutputStream(upstream.getOutputStream(), 64 * 1024)) {
                startup(in, out);
                while (true) {
                    int type = in.read();
                    if (type < 0) {
                        return;
                    }
                    int len = in.readInt();
                    byte[] body = new byte[len - 4];
                    in.readFully(body);
                    out.write(type);
                    out.write(ByteBuffer.allocate(4).putInt(len).array());
                    out.write(body);
                    if (in.available() == 0) {
                        out.flush(); // the client waits for an answer now
                    }
                    record((char) type, ByteBuffer.wrap(body));
                    if (type == 'X') {
                        out.flush();
                        return;
                    }
                }
            } catch (EOFException ignored) {
                // closed
            } catch (IOException ignored) {
                // closed
            } finally {
                close(client);
                close(upstream);
            }
        }

        /** The startup packet (no type byte); SSL and GSS encryption requests are refused here so the rest is readable. */
        private void startup(DataInputStream in, OutputStream out) throws IOException {
            while (true) {
                int len = in.readInt();
                byte[] body = new byte[len - 4];
                in.readFully(body);
                int code = ByteBuffer.wrap(body).getInt();
                if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest
                    OutputStream back = client.getOutputStream();
                    back.write('N');
                    back.flush();
                    continue;
                }
                out.write(ByteBuffer.allocate(4).putInt(len).array());
                out.write(body);
                out.flush();
                return;
            }
        }

        private void record(char type, ByteBuffer b) {
            switch (type) {
                case 'P' -> {
                    String name = cstring(b);
                    lastParsed = cstring(b);
                    statements.put(name, lastParsed);
                }
                case 'B' -> {
                    String portal = cstring(b);
                    String stmt = cstring(b);
                    portals.put(portal, statements.getOrDefault(stmt, "?" + stmt));
                }
                case 'E' -> executed(portals.getOrDefault(cstring(b), "?"));
                case 'Q' -> {
                    executed(cstring(b));
                    sync();
                }
                case 'S' -> sync();
                default -> {
                }
            }
        }

        private void executed(String sql) {
            if (sql.isBlank()) {
                return; // the driver's empty validation query
            }
            String s = sql.strip().toUpperCase(Locale.ROOT);
            if (current.isEmpty() && (s.equals("BEGIN") || s.startsWith("BEGIN "))) {
                inTransaction = true;
            }
            current.add(sql);
            trips.add(roundTrips + 1);
            executedSinceSync = true;
            if (inTransaction && (s.equals("COMMIT") || s.equals("ROLLBACK"))) {
                ending = true;
            }
        }

        private void sync() {
            if (current.isEmpty()) {
                return;
            }
            if (!executedSinceSync) {
                current.add(MARK + lastParsed);
                trips.add(roundTrips + 1);
            }
            executedSinceSync = false;
            roundTrips++;
            if (!inTransaction || ending) {
                FINISHED.add(new Transaction(id, List.copyOf(current), List.copyOf(trips), roundTrips));
                current = new ArrayList<>();
                trips = new ArrayList<>();
                roundTrips = 0;
                inTransaction = false;
                ending = false;
            }
        }

        private static String cstring(ByteBuffer b) {
            int start = b.position();
            while (b.get() != 0) {
                // find the terminator
            }
            return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
        }
    }

    private PgStatementLog() {
    }
}
