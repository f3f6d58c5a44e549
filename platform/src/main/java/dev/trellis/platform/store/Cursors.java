package dev.trellis.platform.store;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reading a long result row by row, for exports streamed to the client (never a list of all rows): a read-only
 * REPEATABLE READ transaction with auto-commit off, in which PostgreSQL's JDBC driver reads a query with a fetch
 * size through a server-side cursor, {@value #FETCH_SIZE} rows at a time. Every query of one {@link #readOnly}
 * sees the same snapshot. Runs outside any JTA transaction (the work of a StreamingOutput after the resource
 * method returned): the connection comes from the pool and goes back with auto-commit on.
 */
public final class Cursors {
    public static final int FETCH_SIZE = 500;

    private Cursors() {
    }

    @FunctionalInterface
    public interface Work {
        void run(Connection c) throws SQLException, IOException;
    }

    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException, IOException;
    }

    /** Runs {@code work} in one read-only transaction; an SQLException comes out as an IOException. */
    public static void readOnly(DataSource dataSource, Work work) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                work.run(c);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IOException("export query failed: " + e.getMessage(), e);
        }
    }

    /** Each row of {@code sql} (parameters bound in order, with setObject), read {@value #FETCH_SIZE} at a time. */
    public static void forEach(Connection c, String sql, RowHandler rows, Object... params)
            throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        }
    }
}
