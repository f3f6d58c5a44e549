package dev.trellis.platform.eventstore;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the service's own event store in an order that never skips a commit, for state that every replica of a
 * service keeps in memory and that must follow the commits of all replicas (connection-service's graph index).
 *
 * <p>Positions alone would skip: appends of different partition keys commit concurrently, so a row with a lower
 * position can become visible after a higher one was read. Every row carries the id of the transaction that
 * appended it ({@code tx_id}); every transaction with an id below the <em>horizon</em>,
 * {@code pg_snapshot_xmin(pg_current_snapshot())}, has ended. Reading rows in {@code (tx_id, position)} order, only
 * below a horizon taken before the read, therefore sees every committed row exactly once, in a stable order.
 * (A long-running writing transaction anywhere in the PostgreSQL cluster holds the horizon back: the tail waits
 * for it, it never skips it.)
 *
 * <p>The order is not commit order within a key. Readers should apply state, not deltas: {@link #latest} gives
 * the newest event of each stream, read after the tail's rows.
 */
public final class EventStoreTail {
    private EventStoreTail() {
    }

    /** A place in the tail: rows after {@code (txId, position)} come next. */
    public record Cursor(long txId, long position) implements Comparable<Cursor> {
        public static final Cursor START = new Cursor(0, 0);

        @Override
        public int compareTo(Cursor o) {
            int c = Long.compare(txId, o.txId);
            return c != 0 ? c : Long.compare(position, o.position);
        }

        public Cursor max(Cursor o) {
            return compareTo(o) >= 0 ? this : o;
        }
    }

    public record Row(long txId, long position, String streamId, long streamVersion, String eventType, String payload) {
        public Cursor cursor() {
            return new Cursor(txId, position);
        }
    }

    /**
     * The next rows of the given types after {@code after}, at most {@code limit}. {@code next} is where the
     * following read starts: past the last row, or past the horizon once every row below it was read.
     */
    public record Batch(List<Row> rows, Cursor next, boolean caughtUp) {
    }

    /** The cursor before which every transaction has ended (read it before a snapshot, tail from it after). */
    public static Cursor horizon(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Cursor(rs.getLong(1), 0);
        }
    }

    public static Batch after(Connection c, Cursor after, Collection<String> types, int limit) throws SQLException {
        Cursor horizon = horizon(c);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT tx_id::text::bigint, position, stream_id, stream_version, event_type, payload::text
                FROM event_store
                WHERE (tx_id, position) > (?::text::xid8, ?) AND tx_id < ?::text::xid8 AND event_type = ANY(?)
                ORDER BY tx_id, position
                LIMIT ?""")) {
            ps.setLong(1, after.txId());
            ps.setLong(2, after.position());
            ps.setLong(3, horizon.txId());
            Array array = c.createArrayOf("text", types.toArray());
            ps.setArray(4, array);
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
        }
        if (rows.size() < limit) {
            // every row below the horizon has been read: the next read starts at the horizon, so the scanned
            // range stays short even when no row of these types comes for a long time
            return new Batch(rows, after.max(horizon), true);
        }
        return new Batch(rows, rows.get(rows.size() - 1).cursor(), false);
    }

    /** The newest event of the given types of each stream (streams without one are absent). */
    public static Map<String, Row> latest(Connection c, Collection<String> streamIds, Collection<String> types)
            throws SQLException {
        Map<String, Row> latest = new LinkedHashMap<>();
        if (streamIds.isEmpty()) {
            return latest;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT ON (stream_id) tx_id::text::bigint, position, stream_id, stream_version, event_type,
                       payload::text
                FROM event_store
                WHERE stream_id = ANY(?) AND event_type = ANY(?)
                ORDER BY stream_id, stream_version DESC""")) {
            ps.setArray(1, c.createArrayOf("text", streamIds.toArray()));
            ps.setArray(2, c.createArrayOf("text", types.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6));
                    latest.put(r.streamId(), r);
                }
            }
        }
        return latest;
    }
}
