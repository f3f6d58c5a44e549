package dev.trellis.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks for a text in every row of every table of a service's database except the event store (whose personal
 * fields the per-member key makes unreadable) and Flyway's history: each row is cast to text, so every column is
 * searched. The proof that closing an account left nothing readable in the read models.
 */
public final class ReadModelScan {
    /** Tables not scanned. */
    public static final List<String> EXCLUDED = List.of("event_store", "flyway_schema_history");

    private ReadModelScan() {
    }

    /** The tables scanned: every base table of schema public but {@link #EXCLUDED}. */
    public static List<String> tables(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> ALL(?)"
                     + " ORDER BY table_name")) {
            ps.setArray(1, c.createArrayOf("text", EXCLUDED.toArray()));
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every row (as "table: row") that contains one of {@code needles}, case-insensitively; empty when none does.
     */
    public static List<String> rowsContaining(DataSource dataSource, String... needles) {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : tables(dataSource)) {
                for (String needle : needles) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT t::text FROM public.\"" + table
                            + "\" t WHERE strpos(lower(t::text), lower(?)) > 0")) {
                        ps.setString(1, needle);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                found.add(table + ": " + rs.getString(1));
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Whether some consumer of this service has applied (or skipped as a duplicate) the event with this id. */
    public static boolean processed(DataSource dataSource, java.util.UUID eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM processed_event WHERE event_id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
