package dev.trellis.connection.store;

import dev.trellis.platform.store.Cursors;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * What a member takes with them: their connections (with their own tags and VIP pins), read
 * row by row through a cursor ({@link Cursors}), never as a list of all rows, so that a member with 30,000
 * connections exports in constant memory.
 */
@ApplicationScoped
public class ExportRepository {
    private final DataSource dataSource;

    public ExportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One connection of the owner: the other member's name, current company and title (null if unknown),
     * when the two connected, the owner's tags on it (sorted, joined by "; ", null if none), the owner's VIP pin
     * rank (null if not pinned), and how they know each other (from the invitation).
     */
    public record ConnectionRow(UUID memberId, String firstName, String lastName, String company, String title,
                                Instant connectedAt, String tags, Integer vipRank, String relationship,
                                String context) {
    }

    @FunctionalInterface
    public interface Sink<T> {
        void accept(T row) throws IOException;
    }

    /** One read-only snapshot for the reads of {@code work}. */
    public void snapshot(Cursors.Work work) throws IOException {
        Cursors.readOnly(dataSource, work);
    }

    /** The owner's connections, most recent first (then by member id), one at a time. */
    public void connections(Connection c, UUID owner, Sink<ConnectionRow> sink) throws SQLException, IOException {
        Cursors.forEach(c, """
                SELECT c.other_id, m.first_name, m.last_name, m.current_company, m.current_title, c.connected_at,
                       (SELECT string_agg(t.tag, '; ' ORDER BY t.tag) FROM connection_tag t
                         WHERE t.member_id = c.member_id AND t.other_id = c.other_id),
                       v.rank, i.relationship, i.context
                FROM connection c
                LEFT JOIN member m ON m.member_id = c.other_id
                LEFT JOIN vip_pin v ON v.member_id = c.member_id AND v.other_id = c.other_id
                LEFT JOIN invitation_pair i ON i.invitation_id = c.invitation_id
                WHERE c.member_id = ?
                ORDER BY c.connected_at DESC, c.other_id""", rs -> sink.accept(new ConnectionRow(
                rs.getObject(1, UUID.class), blankToNull(rs.getString(2)), blankToNull(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
                (Integer) rs.getObject(8), rs.getString(9), rs.getString(10))), owner);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
