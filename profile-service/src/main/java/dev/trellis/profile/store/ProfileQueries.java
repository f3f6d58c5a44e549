package dev.trellis.profile.store;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQL over the read models and the projections of connection and invitation events (plain JDBC on the
 * transaction's connection). Degree from a viewer: 0 = the viewer, 1 = connected, 2 = a connection in common,
 * 3 = out of network (3rd and beyond).
 */
@ApplicationScoped
public class ProfileQueries {
    private final DataSource dataSource;

    public ProfileQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A member as a list shows them, with the degree from the viewer. */
    public record MemberRow(UUID memberId, String firstName, String lastName, String headline,
                            String profileVisibility, boolean creatorMode, int degree) {
    }

    private static String degreeSql(String viewerParam, String memberColumn) {
        return "(CASE WHEN " + memberColumn + " = " + viewerParam + " THEN 0"
                + " WHEN EXISTS (SELECT 1 FROM member_connection dc WHERE dc.member_id = " + viewerParam
                + " AND dc.other_id = " + memberColumn + ") THEN 1"
                + " WHEN EXISTS (SELECT 1 FROM member_connection da JOIN member_connection db ON db.member_id = da.other_id"
                + " WHERE da.member_id = " + viewerParam + " AND db.other_id = " + memberColumn + ") THEN 2"
                + " ELSE 3 END)";
    }

    private static final String ROW_COLUMNS = "p.member_id, p.first_name, p.last_name, p.headline, p.profile_visibility, p.creator_mode, ";

    private static MemberRow row(ResultSet rs) throws SQLException {
        return new MemberRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getBoolean(6), rs.getInt(7));
    }

    // --- degree, connections ---------------------------------------------------------------------------

    public int degree(UUID viewer, UUID member) {
        return (int) number("SELECT " + degreeSql("?::uuid", "?::uuid"), member, viewer, viewer, member, viewer, member);
    }

    public long connectionCount(UUID member) {
        return number("SELECT count(*) FROM member_connection WHERE member_id = ?", member);
    }

    /** Records the connection; false if the two were already connected (a repeated ConnectionMade). */
    public boolean connect(UUID a, UUID b, Instant at) {
        return update("INSERT INTO member_connection (member_id, other_id, connected_at) VALUES (?, ?, ?), (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", a, b, ts(at), b, a, ts(at));
    }

    public void disconnect(UUID a, UUID b) {
        update("DELETE FROM member_connection WHERE (member_id = ? AND other_id = ?) OR (member_id = ? AND other_id = ?)",
                a, b, b, a);
    }

    // --- blocks ------------------------------------------------------------------------------------------

    /** Records a block; false if it was already recorded. */
    public boolean block(UUID blocker, UUID blocked, Instant at) {
        return update("INSERT INTO member_block (blocker_id, blocked_id, blocked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                blocker, blocked, ts(at));
    }

    public void unblock(UUID blocker, UUID blocked) {
        update("DELETE FROM member_block WHERE blocker_id = ? AND blocked_id = ?", blocker, blocked);
    }

    public boolean blocks(UUID blocker, UUID blocked) {
        return number("SELECT count(*) FROM member_block WHERE blocker_id = ? AND blocked_id = ?", blocker, blocked) > 0;
    }

    /**
     * Serialises, until the transaction ends, everything that decides about follows between the two members (a
     * follow against a block arriving at the same moment): a transaction-scoped advisory lock on the pair.
     */
    public void lockPair(UUID a, UUID b) {
        UUID x = a.compareTo(b) <= 0 ? a : b;
        UUID y = x.equals(a) ? b : a;
        long key = x.getMostSignificantBits() ^ x.getLeastSignificantBits() ^ Long.rotateLeft(y.getMostSignificantBits()
                ^ y.getLeastSignificantBits(), 17);
        number("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?)) l", key);
    }

    // --- invitations -------------------------------------------------------------------------------------

    public void invitationSent(UUID invitationId, UUID from, UUID to, Instant sentAt) {
        update("INSERT INTO invitation (invitation_id, from_member, to_member, status, sent_at) VALUES (?, ?, ?, 'PENDING', ?) "
                + "ON CONFLICT (invitation_id) DO NOTHING", invitationId, from, to, ts(sentAt));
    }

    /** The invitation's outcome; a row is made if its InvitationSent was never seen. */
    public void invitationAnswered(UUID invitationId, UUID from, UUID to, String status, boolean mutual, Instant at) {
        update("INSERT INTO invitation (invitation_id, from_member, to_member, status, sent_at, mutual) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (invitation_id) DO UPDATE SET status = EXCLUDED.status, mutual = EXCLUDED.mutual",
                invitationId, from, to, status, ts(at), mutual);
    }

    /**
     * Whether an invitation between the two is waiting: the viewer's own open invitation (which the viewer sees
     * as pending even if it was ignored) or the other's pending invitation to the viewer.
     */
    public boolean invitationPending(UUID viewer, UUID other) {
        return number("SELECT count(*) FROM invitation WHERE (from_member = ? AND to_member = ? "
                + "AND status IN ('PENDING', 'IGNORED', 'DECLINED_AS_UNKNOWN')) "
                + "OR (from_member = ? AND to_member = ? AND status = 'PENDING')", viewer, other, other, viewer) > 0;
    }

    /**
     * Of the invitations the member sent (withdrawn ones excluded), as the sender sees them: {sent, pending,
     * accepted, settled}. Pending includes the ignored ones and those declined as unknown (the sender is never told);
     * settled = accepted, or sent at or before {@code settledBefore}. No count depends on an ignore.
     */
    public long[] invitationStats(UUID member, Instant settledBefore) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE status <> 'WITHDRAWN'), "
                     + "count(*) FILTER (WHERE status IN ('PENDING', 'IGNORED', 'DECLINED_AS_UNKNOWN')), "
                     + "count(*) FILTER (WHERE status = 'ACCEPTED'), "
                     + "count(*) FILTER (WHERE status = 'ACCEPTED' OR (status <> 'WITHDRAWN' AND sent_at <= ?)) "
                     + "FROM invitation WHERE from_member = ?")) {
            bind(ps, ts(settledBefore), member);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- network shape ----------------------------------------------------------------------------------

    /** Connections who list one of the member's schools. */
    public long classmates(UUID member) {
        return number("SELECT count(*) FROM member_connection c JOIN profile o ON o.member_id = c.other_id "
                + "JOIN profile me ON me.member_id = c.member_id WHERE c.member_id = ? AND me.search_schools <> '' "
                + "AND string_to_array(o.search_schools, ' | ') && string_to_array(me.search_schools, ' | ')", member);
    }

    /** Connections who list one of the member's companies. */
    public long colleagues(UUID member) {
        return number("SELECT count(*) FROM member_connection c JOIN profile o ON o.member_id = c.other_id "
                + "JOIN profile me ON me.member_id = c.member_id WHERE c.member_id = ? AND me.search_companies <> '' "
                + "AND string_to_array(o.search_companies, ' | ') && string_to_array(me.search_companies, ' | ')", member);
    }

    /** The number of connections at the company most of them list. */
    public long largestCompanyShare(UUID member) {
        return number("SELECT coalesce(max(n), 0) FROM (SELECT company, count(DISTINCT c.other_id) AS n "
                + "FROM member_connection c JOIN profile o ON o.member_id = c.other_id "
                + "CROSS JOIN LATERAL unnest(string_to_array(o.search_companies, ' | ')) AS company "
                + "WHERE c.member_id = ? AND company <> '' GROUP BY company) x", member);
    }

    public long groupCount(UUID member) {
        return number("SELECT count(*) FROM group_membership WHERE member_id = ?", member);
    }

    // --- follows -----------------------------------------------------------------------------------------

    public void follow(UUID follower, UUID followee, Instant at) {
        update("INSERT INTO follow (follower_id, followee_id, followed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                follower, followee, ts(at));
    }

    public void unfollow(UUID follower, UUID followee) {
        update("DELETE FROM follow WHERE follower_id = ? AND followee_id = ?", follower, followee);
    }

    public boolean following(UUID follower, UUID followee) {
        return number("SELECT count(*) FROM follow WHERE follower_id = ? AND followee_id = ?", follower, followee) > 0;
    }

    public long followerCount(UUID member) {
        return number("SELECT count(*) FROM follow WHERE followee_id = ?", member);
    }

    public long followingCount(UUID member) {
        return number("SELECT count(*) FROM follow WHERE follower_id = ?", member);
    }

    /** The member's followers, newest first, with their degree from the viewer. */
    public List<MemberRow> followers(UUID member, UUID viewer, int page, int size) {
        return rows("SELECT " + ROW_COLUMNS + degreeSql("?::uuid", "p.member_id")
                + " FROM follow f JOIN profile p ON p.member_id = f.follower_id WHERE f.followee_id = ?"
                + " ORDER BY f.followed_at DESC, p.member_id LIMIT ? OFFSET ?",
                viewer, viewer, viewer, member, size, offset(page, size));
    }

    /** Whom the member follows, newest first, with their degree from the viewer. */
    public List<MemberRow> following(UUID member, UUID viewer, int page, int size) {
        return rows("SELECT " + ROW_COLUMNS + degreeSql("?::uuid", "p.member_id")
                + " FROM follow f JOIN profile p ON p.member_id = f.followee_id WHERE f.follower_id = ?"
                + " ORDER BY f.followed_at DESC, p.member_id LIMIT ? OFFSET ?",
                viewer, viewer, viewer, member, size, offset(page, size));
    }

    // --- groups ------------------------------------------------------------------------------------------

    public void joinGroup(UUID group, UUID member, Instant at) {
        update("INSERT INTO group_membership (group_id, member_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                group, member, ts(at));
    }

    public void leaveGroup(UUID group, UUID member) {
        update("DELETE FROM group_membership WHERE group_id = ? AND member_id = ?", group, member);
    }

    /**
     * A group's members as the viewer sees them, earliest first: members a block stands between them and the
     * viewer (either way) are left out, so that neither sees the other there.
     */
    public List<MemberRow> groupMembers(UUID group, UUID viewer, int page, int size) {
        return rows("SELECT " + ROW_COLUMNS + degreeSql("?::uuid", "p.member_id")
                + " FROM group_membership g JOIN profile p ON p.member_id = g.member_id WHERE g.group_id = ?"
                + " AND " + NOT_BLOCKED + " ORDER BY g.joined_at, p.member_id LIMIT ? OFFSET ?",
                viewer, viewer, viewer, group, viewer, viewer, size, offset(page, size));
    }

    /**
     * How many members of the group the viewer sees (those a block stands between them and the viewer left out), so
     * that no count tells the viewer that a member is hidden from them.
     */
    public long visibleGroupMemberCount(UUID group, UUID viewer) {
        return number("SELECT count(*) FROM group_membership g JOIN profile p ON p.member_id = g.member_id"
                + " WHERE g.group_id = ? AND " + NOT_BLOCKED, group, viewer, viewer);
    }

    public boolean inGroup(UUID group, UUID member) {
        return number("SELECT count(*) FROM group_membership WHERE group_id = ? AND member_id = ?", group, member) > 0;
    }

    /** Group ids of the member's groups, most recently joined first. */
    public List<UUID> groupsOf(UUID member, int page, int size) {
        List<UUID> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT group_id FROM group_membership WHERE member_id = ? "
                     + "ORDER BY joined_at DESC, group_id LIMIT ? OFFSET ?")) {
            bind(ps, member, size, offset(page, size));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    // --- search ------------------------------------------------------------------------------------------

    /** A page of search results and the total. */
    public record SearchPage(List<MemberRow> rows, long total) {
    }

    /**
     * Members matching every given criterion (trigram-indexed LIKE on lower-case columns; every word of {@code q}
     * must be in the name, in any order), the viewer and members a block stands between them and the viewer excluded.
     * A NAME_INITIAL profile is found by an out-of-network viewer only by its first name, and never through
     * company, school or location, so a search cannot reveal what the profile hides; nor can the order of the
     * results (such a row is ranked by what the viewer sees of it: first name and last initial).
     */
    /** Neither the viewer (the parameters: viewer, viewer) blocked the member p, nor the other way round. */
    private static final String NOT_BLOCKED = "NOT EXISTS (SELECT 1 FROM member_block mb WHERE (mb.blocker_id = ?"
            + " AND mb.blocked_id = p.member_id) OR (mb.blocker_id = p.member_id AND mb.blocked_id = ?))";

    /** A row the viewer may see only as "Olivia T.": its order must not depend on the hidden rest of the name. */
    private static final String RESTRICTED = "(x.profile_visibility = 'NAME_INITIAL' AND x.degree >= 3)";

    public SearchPage search(UUID viewer, String q, String company, String school, String location, int page, int size) {
        StringBuilder where = new StringBuilder("p.member_id <> ? AND " + NOT_BLOCKED);
        List<Object> params = new ArrayList<>();
        params.add(viewer);
        params.add(viewer);
        params.add(viewer);
        List<String> words = q == null ? List.of() : List.of(q.strip().split("\\s+"));
        for (String w : words) {
            where.append(" AND p.search_name LIKE ?");
            params.add("%" + like(w) + "%");
        }
        if (company != null) {
            where.append(" AND p.search_companies LIKE ?");
            params.add("%" + like(company) + "%");
        }
        if (school != null) {
            where.append(" AND p.search_schools LIKE ?");
            params.add("%" + like(school) + "%");
        }
        if (location != null) {
            where.append(" AND p.search_location LIKE ?");
            params.add("%" + like(location) + "%");
        }
        boolean onlyName = company == null && school == null && location == null;
        StringBuilder privacy = new StringBuilder(" AND (x.profile_visibility = 'FULL' OR x.degree < 3");
        if (onlyName && q != null) {
            privacy.append(" OR (true");
            words.forEach(w -> privacy.append(" AND lower(x.first_name) LIKE ?"));
            privacy.append(")");
        }
        privacy.append(")");
        List<Object> all = new ArrayList<>();
        all.add(viewer);
        all.add(viewer);
        all.add(viewer);
        all.addAll(params);
        if (onlyName && q != null) {
            words.forEach(w -> all.add("%" + like(w) + "%"));
        }
        all.add(q == null ? "" : q.toLowerCase(java.util.Locale.ROOT));
        all.add(size);
        all.add(offset(page, size));
        String sql = "SELECT x.*, count(*) OVER () FROM (SELECT " + ROW_COLUMNS + degreeSql("?::uuid", "p.member_id")
                + " AS degree, p.search_name FROM profile p WHERE " + where + ") x WHERE true" + privacy
                + " ORDER BY similarity(CASE WHEN " + RESTRICTED + " THEN lower(x.first_name || ' ' || left(x.last_name, 1))"
                + " ELSE x.search_name END, ?) DESC, x.degree, CASE WHEN " + RESTRICTED + " THEN left(x.last_name, 1)"
                + " ELSE x.last_name END, x.first_name, x.member_id"
                + " LIMIT ? OFFSET ?";
        List<MemberRow> out = new ArrayList<>();
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, all.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                    total = rs.getLong(9);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (out.isEmpty() && page > 0) {
            total = countSearch(sql, all);
        }
        return new SearchPage(out, total);
    }

    private long countSearch(String sql, List<Object> params) {
        List<Object> first = new ArrayList<>(params);
        first.set(first.size() - 1, 0L);
        first.set(first.size() - 2, 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, first.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(9) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String like(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    // --- contacts ----------------------------------------------------------------------------------------

    /**
     * Members whose e-mail HMAC is one of {@code hmacs} and who may be found by e-mail: HMAC -> row (viewer
     * excluded, and members a block stands between them and the viewer).
     */
    public Map<String, MemberRow> findableByEmailHmac(UUID viewer, List<String> hmacs) {
        Map<String, MemberRow> out = new HashMap<>();
        if (hmacs.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS + degreeSql("?::uuid", "p.member_id")
                     + ", cr.email_hmac FROM credential cr JOIN profile p ON p.member_id = cr.member_id"
                     + " WHERE cr.email_hmac = ANY (?) AND p.findable_by_email AND p.member_id <> ? AND " + NOT_BLOCKED)) {
            Array array = c.createArrayOf("text", hmacs.toArray());
            bind(ps, viewer, viewer, viewer, array, viewer, viewer, viewer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(8), row(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Serialises a member's contacts imports until the transaction ends (the rate check, then the record). */
    public void lockContactImports(UUID member) {
        number("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?)) l",
                member.getMostSignificantBits() ^ Long.rotateLeft(member.getLeastSignificantBits(), 29) ^ 0x636f6e74616374L);
    }

    /** When the member's contacts imports since {@code since} happened, newest first. */
    public List<Instant> contactImportsSince(UUID member, Instant since) {
        List<Instant> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT imported_at FROM contact_import WHERE member_id = ? "
                     + "AND imported_at > ? ORDER BY imported_at DESC")) {
            bind(ps, member, ts(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getTimestamp(1).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Records that the member imported so many addresses at {@code at}; the member's records older than a day go. */
    public void recordContactImport(UUID member, Instant at, int addresses) {
        update("DELETE FROM contact_import WHERE member_id = ? AND imported_at <= ?", member, ts(at.minus(java.time.Duration.ofHours(24))));
        update("INSERT INTO contact_import (member_id, imported_at, addresses) VALUES (?, ?, ?)", member, ts(at), addresses);
    }

    /** The HMAC of the member's own e-mail address (null if unknown). */
    public String emailHmacOf(UUID member) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT email_hmac FROM credential WHERE member_id = ?")) {
            bind(ps, member);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- plumbing ----------------------------------------------------------------------------------------

    private List<MemberRow> rows(String sql, Object... params) {
        List<MemberRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private long number(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if a row changed. */
    private boolean update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    /** The row offset of a page, as a long (the platform's rule: never an int product). */
    private static long offset(int page, int size) {
        return dev.trellis.platform.api.Paging.offset(page, size);
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
