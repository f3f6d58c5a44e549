package dev.trellis.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A service's read models, as an erasure test looks at them: {@link PersonalDataScan} over every table of the
 * service's database except the event store (whose personal fields the per-member key makes unreadable) and
 * Flyway's history; and whether a consumer has applied an event.
 */
public final class ReadModelScan {
    /** Tables not scanned. */
    public static final Set<String> EXCLUDED = Set.of("event_store", "flyway_schema_history");

    private ReadModelScan() {
    }

    /** Every row (as "table: row") of the read models that contains one of {@code texts}, case-insensitively. */
    public static List<String> rowsContaining(DataSource dataSource, String... texts) {
        try (Connection c = dataSource.getConnection()) {
            return PersonalDataScan.rowsContaining(c, List.of(texts), EXCLUDED);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether some consumer of this service has applied (or skipped as a duplicate) the event with this id. */
    public static boolean processed(DataSource dataSource, UUID eventId) {
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
