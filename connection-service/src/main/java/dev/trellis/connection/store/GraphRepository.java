package dev.trellis.connection.store;

import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.store.SqlValues;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The connection tables (SQL). Degrees are answered with joins for now; the in-memory graph index of the
 * graph issue replaces them on the hot path.
 */
@ApplicationScoped
public class GraphRepository {
    private final EntityManager em;

    public GraphRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * One connection in a list; {@code relationship} and {@code context} (from the invitation) only for the owner;
     * {@code profileVisibility} is the shown member's (FULL or NAME_INITIAL), for the API to apply NameVisibility.
     */
    public record ConnectionRow(UUID memberId, String firstName, String lastName, String headline, Instant connectedAt,
                                boolean vip, String relationship, String context, String profileVisibility) {
    }

    /** True once the member's ProfileCreated arrived. */
    public boolean known(UUID member) {
        List<?> r = em.createNativeQuery("SELECT 1 FROM member WHERE member_id = ?1 AND known")
                .setParameter(1, member).getResultList();
        return !r.isEmpty();
    }

    /** 404 member-not-found for the first of {@code members} whose ProfileCreated never arrived. */
    public void requireKnown(UUID... members) {
        java.util.Set<UUID> unknown = unknownAmong(java.util.Arrays.asList(members));
        for (UUID m : members) {
            if (unknown.contains(m)) {
                throw dev.trellis.platform.domain.DomainException.notFound("member-not-found", "no member " + m);
            }
        }
    }

    /** The ids among {@code members} whose ProfileCreated never arrived. */
    @SuppressWarnings("unchecked")
    public java.util.Set<UUID> unknownAmong(java.util.Collection<UUID> members) {
        java.util.Set<UUID> unknown = new java.util.HashSet<>(members);
        if (!unknown.isEmpty()) {
            unknown.removeAll(em.createNativeQuery("SELECT member_id FROM member WHERE member_id = ANY(?1) AND known")
                    .setParameter(1, unknown.toArray(new UUID[0])).getResultList());
        }
        return unknown;
    }

    public boolean connected(UUID a, UUID b) {
        return !em.createNativeQuery("SELECT 1 FROM connection WHERE member_id = ?1 AND other_id = ?2")
                .setParameter(1, a).setParameter(2, b).getResultList().isEmpty();
    }

    /** Both directions of the edge, in one statement. */
    public void connect(UUID a, UUID b, Instant at, UUID invitationId) {
        em.createNativeQuery("""
                INSERT INTO connection (member_id, other_id, connected_at, invitation_id)
                VALUES (?1, ?2, ?3, ?4), (?2, ?1, ?3, ?4)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, a).setParameter(2, b).setParameter(3, Timestamp.from(at))
                .setParameter(4, invitationId).executeUpdate();
    }

    /**
     * Both directions of the edge, and what each member had attached to it (tags, VIP pin): one statement (the
     * three tables have no foreign keys between them).
     */
    public void disconnect(UUID a, UUID b) {
        em.createNativeQuery("""
                WITH edge AS (DELETE FROM connection
                              WHERE (member_id = ?1 AND other_id = ?2) OR (member_id = ?2 AND other_id = ?1)),
                     tags AS (DELETE FROM connection_tag
                              WHERE (member_id = ?1 AND other_id = ?2) OR (member_id = ?2 AND other_id = ?1))
                DELETE FROM vip_pin WHERE (member_id = ?1 AND other_id = ?2) OR (member_id = ?2 AND other_id = ?1)""")
                .setParameter(1, a).setParameter(2, b).executeUpdate();
    }

    public void block(UUID blocker, UUID blocked, Instant at) {
        em.createNativeQuery("INSERT INTO member_block (blocker_id, blocked_id, blocked_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, blocker).setParameter(2, blocked).setParameter(3, Timestamp.from(at)).executeUpdate();
    }

    public void unblock(UUID blocker, UUID blocked) {
        em.createNativeQuery("DELETE FROM member_block WHERE blocker_id = ?1 AND blocked_id = ?2")
                .setParameter(1, blocker).setParameter(2, blocked).executeUpdate();
    }

    public record BlockRow(UUID memberId, String firstName, String lastName, Instant blockedAt, String profileVisibility) {
    }

    @SuppressWarnings("unchecked")
    public List<BlockRow> blocks(UUID blocker, int page, int size) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT b.blocked_id, m.first_name, m.last_name, b.blocked_at, m.profile_visibility FROM member_block b
                LEFT JOIN member m ON m.member_id = b.blocked_id WHERE b.blocker_id = ?1
                ORDER BY b.blocked_at DESC, b.blocked_id""")
                .setParameter(1, blocker).setFirstResult(offset(page, size)).setMaxResults(size).getResultList();
        return rows.stream().map(r -> new BlockRow((UUID) r[0], (String) r[1], (String) r[2], SqlValues.instant(r[3]),
                (String) r[4])).toList();
    }

    /** The row offset of a page (Paging caps the page, so it fits an int; never computed as int page * size). */
    static int offset(int page, int size) {
        return Paging.firstResult(page, size);
    }

    public long blockCount(UUID blocker) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM member_block WHERE blocker_id = ?1")
                .setParameter(1, blocker).getSingleResult()).longValue();
    }

    public record MemberRow(UUID memberId, String firstName, String lastName, String headline, String profileVisibility) {
    }

    @SuppressWarnings("unchecked")
    public java.util.Map<UUID, MemberRow> members(List<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        List<Object[]> rows = em.createNativeQuery(
                "SELECT member_id, first_name, last_name, headline, profile_visibility FROM member WHERE member_id = ANY(?1)")
                .setParameter(1, ids.toArray(new UUID[0])).getResultList();
        java.util.Map<UUID, MemberRow> out = new java.util.HashMap<>();
        for (Object[] r : rows) {
            out.put((UUID) r[0], new MemberRow((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4]));
        }
        return out;
    }

    /** Members who blocked {@code member} or whom they blocked. */
    @SuppressWarnings("unchecked")
    public java.util.Set<UUID> blockedEitherWay(UUID member) {
        return new java.util.HashSet<>(em.createNativeQuery("""
                SELECT blocked_id FROM member_block WHERE blocker_id = ?1
                UNION SELECT blocker_id FROM member_block WHERE blocked_id = ?1""")
                .setParameter(1, member).getResultList());
    }

    /** Everyone {@code member} is connected to, blocked or was blocked by, in member-id order. */
    @SuppressWarnings("unchecked")
    public List<UUID> relatedTo(UUID member) {
        return em.createNativeQuery("""
                SELECT other_id FROM connection WHERE member_id = ?1
                UNION SELECT blocked_id FROM member_block WHERE blocker_id = ?1
                UNION SELECT blocker_id FROM member_block WHERE blocked_id = ?1 ORDER BY 1""")
                .setParameter(1, member).getResultList();
    }

    /** The member's suggestion dismissals, and other members' dismissals of them (neither is in any event). */
    public void forgetDismissals(UUID member) {
        em.createNativeQuery("DELETE FROM pymk_dismissal WHERE member_id = ?1 OR dismissed_id = ?1")
                .setParameter(1, member).executeUpdate();
    }

    public void upsertMember(UUID id, String first, String last, String headline) {
        em.createNativeQuery("""
                INSERT INTO member (member_id, first_name, last_name, headline, known) VALUES (?1, ?2, ?3, ?4, true)
                ON CONFLICT (member_id) DO UPDATE SET first_name = EXCLUDED.first_name,
                    last_name = EXCLUDED.last_name, headline = EXCLUDED.headline, known = true""")
                .setParameter(1, id).setParameter(2, first).setParameter(3, last).setParameter(4, headline)
                .executeUpdate();
    }

    public long count(UUID member) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM connection WHERE member_id = ?1")
                .setParameter(1, member).getSingleResult()).longValue();
    }

    public enum Sort {
        RECENT("c.connected_at DESC, c.other_id"),
        FIRST_NAME("m.first_name NULLS LAST, m.last_name NULLS LAST, c.other_id"),
        LAST_NAME("m.last_name NULLS LAST, m.first_name NULLS LAST, c.other_id");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    /**
     * Which of a member's connections a list shows: only those the owner tagged {@code tag}; only those whose
     * city or country is {@code location}; who work (or worked) at {@code company}; in {@code industry}; and,
     * when the list is private, only those also connected to {@code mutualWith} (the viewer); with
     * {@code namesVisibleTo} (a viewer who filters someone else's list by location, company or industry) only
     * those whose profile that viewer may see (not NAME_INITIAL, or within 2 degrees of the viewer), so that a
     * filter never tells a restricted member's city, company or industry. Null: no filter.
     */
    public record Filter(String tag, String location, String company, String industry, UUID mutualWith,
                         UUID namesVisibleTo) {
        public static final Filter NONE = new Filter(null, null, null, null, null, null);
    }

    /**
     * A member's connections by {@code sort}; with {@code withVips} (the owner looking) the owner's VIPs first in
     * the owner's order, with their pin flag; otherwise no pin flag and no VIP ordering.
     */
    public List<ConnectionRow> connections(UUID member, Filter filter, Sort sort, boolean withVips, int page, int size) {
        var q = em.createNativeQuery("SELECT c.other_id, m.first_name, m.last_name, m.headline, c.connected_at,"
                + (withVips ? " v.rank" : " NULL") + ", i.relationship, i.context, m.profile_visibility"
                + " FROM connection c LEFT JOIN member m ON m.member_id = c.other_id"
                + (withVips ? " LEFT JOIN vip_pin v ON v.member_id = c.member_id AND v.other_id = c.other_id" : "")
                + " LEFT JOIN invitation_pair i ON i.invitation_id = c.invitation_id"
                + " WHERE c.member_id = :member" + where(filter)
                + " ORDER BY " + (withVips ? "v.rank NULLS LAST, " : "") + sort.orderBy);
        bind(q.setParameter("member", member), filter);
        return rows(q.setFirstResult(offset(page, size)).setMaxResults(size).getResultList());
    }

    public long count(UUID member, Filter filter) {
        var q = em.createNativeQuery("SELECT count(*) FROM connection c LEFT JOIN member m ON m.member_id = c.other_id"
                + " WHERE c.member_id = :member" + where(filter));
        bind(q.setParameter("member", member), filter);
        return ((Number) q.getSingleResult()).longValue();
    }

    private static String where(Filter f) {
        StringBuilder w = new StringBuilder();
        if (f.tag() != null) {
            w.append(" AND EXISTS (SELECT 1 FROM connection_tag t WHERE t.member_id = c.member_id")
                    .append(" AND t.other_id = c.other_id AND t.tag = :tag)");
        }
        if (f.location() != null) {
            w.append(" AND (lower(m.city) = :location OR lower(m.country) = :location)");
        }
        if (f.company() != null) {
            w.append(" AND EXISTS (SELECT 1 FROM member_org o WHERE o.member_id = c.other_id AND o.kind = 'company'")
                    .append(" AND o.name_key = :company)");
        }
        if (f.industry() != null) {
            w.append(" AND lower(m.industry) = :industry");
        }
        if (f.mutualWith() != null) {
            w.append(" AND EXISTS (SELECT 1 FROM connection x WHERE x.member_id = :viewer AND x.other_id = c.other_id)");
        }
        if (f.namesVisibleTo() != null) {
            w.append(" AND (m.profile_visibility IS DISTINCT FROM 'NAME_INITIAL' OR c.other_id = :nviewer")
                    .append(" OR EXISTS (SELECT 1 FROM connection x WHERE x.member_id = :nviewer AND x.other_id = c.other_id)")
                    .append(" OR EXISTS (SELECT 1 FROM connection x JOIN connection y ON y.member_id = x.other_id")
                    .append(" WHERE x.member_id = :nviewer AND y.other_id = c.other_id))");
        }
        return w.toString();
    }

    private static void bind(jakarta.persistence.Query q, Filter f) {
        if (f.tag() != null) {
            q.setParameter("tag", f.tag());
        }
        if (f.location() != null) {
            q.setParameter("location", NetworkFactsRepository.key(f.location()));
        }
        if (f.company() != null) {
            q.setParameter("company", NetworkFactsRepository.key(f.company()));
        }
        if (f.industry() != null) {
            q.setParameter("industry", NetworkFactsRepository.key(f.industry()));
        }
        if (f.mutualWith() != null) {
            q.setParameter("viewer", f.mutualWith());
        }
        if (f.namesVisibleTo() != null) {
            q.setParameter("nviewer", f.namesVisibleTo());
        }
    }

    // ---- tags, VIPs, dismissals (a member's own organisation of their network)

    public void tag(UUID member, UUID other, String tag) {
        em.createNativeQuery("INSERT INTO connection_tag (member_id, other_id, tag) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, member).setParameter(2, other).setParameter(3, tag).executeUpdate();
    }

    public int untag(UUID member, UUID other, String tag) {
        return em.createNativeQuery("DELETE FROM connection_tag WHERE member_id = ?1 AND other_id = ?2 AND tag = ?3")
                .setParameter(1, member).setParameter(2, other).setParameter(3, tag).executeUpdate();
    }

    public record TagCount(String tag, long connections) {
    }

    @SuppressWarnings("unchecked")
    public List<TagCount> tags(UUID member) {
        List<Object[]> rows = em.createNativeQuery(
                "SELECT tag, count(*) FROM connection_tag WHERE member_id = ?1 GROUP BY tag ORDER BY tag")
                .setParameter(1, member).getResultList();
        return rows.stream().map(r -> new TagCount((String) r[0], ((Number) r[1]).longValue())).toList();
    }

    @SuppressWarnings("unchecked")
    public List<String> tagsOf(UUID member, UUID other) {
        return em.createNativeQuery("SELECT tag FROM connection_tag WHERE member_id = ?1 AND other_id = ?2 ORDER BY tag")
                .setParameter(1, member).setParameter(2, other).getResultList();
    }

    @SuppressWarnings("unchecked")
    public java.util.Set<UUID> connectionsAmong(UUID member, List<UUID> others) {
        if (others.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(em.createNativeQuery(
                "SELECT other_id FROM connection WHERE member_id = ?1 AND other_id = ANY(?2)")
                .setParameter(1, member).setParameter(2, others.toArray(new UUID[0])).getResultList());
    }

    public void replaceVips(UUID member, List<UUID> ordered) {
        em.createNativeQuery("DELETE FROM vip_pin WHERE member_id = ?1").setParameter(1, member).executeUpdate();
        for (int i = 0; i < ordered.size(); i++) {
            em.createNativeQuery("INSERT INTO vip_pin (member_id, other_id, rank) VALUES (?1, ?2, ?3)")
                    .setParameter(1, member).setParameter(2, ordered.get(i)).setParameter(3, i + 1).executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    public List<UUID> vips(UUID member) {
        return em.createNativeQuery("SELECT other_id FROM vip_pin WHERE member_id = ?1 ORDER BY rank")
                .setParameter(1, member).getResultList();
    }

    public void dismiss(UUID member, UUID dismissed, String reason, Instant at) {
        em.createNativeQuery("""
                INSERT INTO pymk_dismissal (member_id, dismissed_id, reason, dismissed_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (member_id, dismissed_id) DO UPDATE SET reason = EXCLUDED.reason""")
                .setParameter(1, member).setParameter(2, dismissed).setParameter(3, reason)
                .setParameter(4, Timestamp.from(at)).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public java.util.Set<UUID> dismissed(UUID member) {
        return new java.util.HashSet<>(em.createNativeQuery("SELECT dismissed_id FROM pymk_dismissal WHERE member_id = ?1")
                .setParameter(1, member).getResultList());
    }

    public List<ConnectionRow> mutual(UUID a, UUID b, int page, int size) {
        return rows(em.createNativeQuery("""
                SELECT c1.other_id, m.first_name, m.last_name, m.headline, c1.connected_at, NULL, NULL, NULL,
                       m.profile_visibility
                FROM connection c1 JOIN connection c2 ON c2.member_id = ?2 AND c2.other_id = c1.other_id
                LEFT JOIN member m ON m.member_id = c1.other_id
                WHERE c1.member_id = ?1 ORDER BY m.first_name NULLS LAST, m.last_name NULLS LAST, c1.other_id""")
                .setParameter(1, a).setParameter(2, b).setFirstResult(offset(page, size)).setMaxResults(size).getResultList());
    }

    public long mutualCount(UUID a, UUID b) {
        return ((Number) em.createNativeQuery("""
                SELECT count(*) FROM connection c1 JOIN connection c2 ON c2.member_id = ?2 AND c2.other_id = c1.other_id
                WHERE c1.member_id = ?1""").setParameter(1, a).setParameter(2, b).getSingleResult()).longValue();
    }

    /**
     * 0 (same member), 1, 2, 3, or null (out of network). One statement, so one snapshot: checks made in
     * separate statements could see an edge committed in between and answer "3rd" for a fresh connection
     * (the walk a-b-a-b).
     */
    public Integer degree(UUID a, UUID b) {
        if (a.equals(b)) {
            return 0;
        }
        Object d = em.createNativeQuery("""
                SELECT CASE
                  WHEN EXISTS (SELECT 1 FROM connection WHERE member_id = ?1 AND other_id = ?2) THEN 1
                  WHEN EXISTS (SELECT 1 FROM connection c1 JOIN connection c2 ON c2.member_id = c1.other_id
                               WHERE c1.member_id = ?1 AND c2.other_id = ?2) THEN 2
                  WHEN EXISTS (SELECT 1 FROM connection c1
                               JOIN connection c2 ON c2.member_id = c1.other_id AND c2.other_id <> ?1
                               JOIN connection c3 ON c3.member_id = c2.other_id AND c3.other_id = ?2
                               WHERE c1.member_id = ?1 AND c1.other_id <> ?2) THEN 3
                END""").setParameter(1, a).setParameter(2, b).getSingleResult();
        return d == null ? null : ((Number) d).intValue();
    }

    @SuppressWarnings("unchecked")
    private static List<ConnectionRow> rows(List<?> raw) {
        return ((List<Object[]>) raw).stream().map(r -> new ConnectionRow((UUID) r[0], (String) r[1], (String) r[2],
                (String) r[3], SqlValues.instant(r[4]), r[5] != null, (String) r[6], (String) r[7], (String) r[8]))
                .toList();
    }
}
