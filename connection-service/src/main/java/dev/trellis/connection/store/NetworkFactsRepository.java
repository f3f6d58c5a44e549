package dev.trellis.connection.store;

import dev.trellis.connection.domain.SharedFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What connection-service keeps from profile and invitation events besides names: location, industry, companies,
 * schools, groups, the connection-list privacy setting, and the invitations between members.
 */
@ApplicationScoped
public class NetworkFactsRepository {
    public static final List<String> OPEN_INVITATION_STATES = List.of("PENDING", "IGNORED", "DECLINED");

    private final EntityManager em;

    public NetworkFactsRepository(EntityManager em) {
        this.em = em;
    }

    public record Org(String kind, String name, boolean current) {
    }

    /**
     * The whole public profile after an edit: names, place, industry, the current position (company and title,
     * null without one: the Company and Position columns of the CSV export), companies and schools.
     */
    public void profile(UUID member, String first, String last, String headline, String city, String country,
                        String industry, String currentCompany, String currentTitle, List<Org> orgs) {
        em.createNativeQuery("INSERT INTO member (member_id, first_name, last_name, headline, city, country, industry,"
                        + " current_company, current_title)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (member_id) DO UPDATE SET"
                        + " first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,"
                        + " headline = EXCLUDED.headline, city = EXCLUDED.city, country = EXCLUDED.country,"
                        + " industry = EXCLUDED.industry, current_company = EXCLUDED.current_company,"
                        + " current_title = EXCLUDED.current_title")
                .setParameter(1, member).setParameter(2, first == null ? "" : first)
                .setParameter(3, last == null ? "" : last).setParameter(4, headline).setParameter(5, blankToNull(city))
                .setParameter(6, blankToNull(country)).setParameter(7, blankToNull(industry))
                .setParameter(8, blankToNull(currentCompany)).setParameter(9, blankToNull(currentTitle)).executeUpdate();
        em.createNativeQuery("DELETE FROM member_org WHERE member_id = ?1").setParameter(1, member).executeUpdate();
        Map<String, Org> unique = new HashMap<>();
        for (Org o : orgs) {
            if (o.name() == null || o.name().isBlank()) {
                continue;
            }
            String key = o.kind() + "|" + key(o.name());
            Org before = unique.get(key);
            unique.put(key, before == null ? o : new Org(o.kind(), before.name(), before.current() || o.current()));
        }
        for (Org o : unique.values()) {
            em.createNativeQuery("INSERT INTO member_org (member_id, kind, name_key, name, current) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, member).setParameter(2, o.kind()).setParameter(3, key(o.name()))
                    .setParameter(4, o.name().trim()).setParameter(5, o.current()).executeUpdate();
        }
    }

    /** The member's privacy settings: who sees their connections, and how their name is shown out of network. */
    public void privacy(UUID member, String connectionsVisibility, String profileVisibility) {
        em.createNativeQuery("INSERT INTO member (member_id, first_name, last_name, connections_visibility,"
                        + " profile_visibility) VALUES (?1, '', '', ?2, ?3) ON CONFLICT (member_id) DO UPDATE SET"
                        + " connections_visibility = EXCLUDED.connections_visibility,"
                        + " profile_visibility = EXCLUDED.profile_visibility")
                .setParameter(1, member).setParameter(2, connectionsVisibility == null ? "EVERYONE" : connectionsVisibility)
                .setParameter(3, profileVisibility == null ? "FULL" : profileVisibility).executeUpdate();
    }

    /** The members among {@code members} who show their connections to nobody (ONLY_ME). */
    @SuppressWarnings("unchecked")
    public Set<UUID> connectionsPrivateAmong(Collection<UUID> members) {
        if (members.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createNativeQuery("SELECT member_id FROM member WHERE member_id = ANY(?1)"
                        + " AND connections_visibility = 'ONLY_ME'")
                .setParameter(1, members.toArray(new UUID[0])).getResultList());
    }

    public boolean connectionsPrivate(UUID member) {
        List<?> r = em.createNativeQuery("SELECT connections_visibility FROM member WHERE member_id = ?1")
                .setParameter(1, member).getResultList();
        return !r.isEmpty() && "ONLY_ME".equals(r.get(0));
    }

    public void group(UUID group, String name) {
        em.createNativeQuery("INSERT INTO group_info (group_id, name) VALUES (?1, ?2)"
                        + " ON CONFLICT (group_id) DO UPDATE SET name = EXCLUDED.name")
                .setParameter(1, group).setParameter(2, name).executeUpdate();
    }

    /** Not for a member who closed their account (GroupJoined is keyed by the group, so it may come after that). */
    public void joined(UUID group, UUID member) {
        em.createNativeQuery("INSERT INTO member_group (group_id, member_id) SELECT ?1, ?2"
                        + " WHERE NOT EXISTS (SELECT 1 FROM closed_member WHERE member_id = ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, group).setParameter(2, member).executeUpdate();
    }

    public void left(UUID group, UUID member) {
        em.createNativeQuery("DELETE FROM member_group WHERE group_id = ?1 AND member_id = ?2")
                .setParameter(1, group).setParameter(2, member).executeUpdate();
    }

    public void invitationSent(UUID invitation, UUID from, UUID to, String relationship, String context) {
        em.createNativeQuery("INSERT INTO invitation_pair (invitation_id, from_id, to_id, relationship, context, state)"
                        + " SELECT ?1, ?2, ?3, CAST(?4 AS text), CAST(?5 AS text), 'PENDING' WHERE " + NEITHER_CLOSED + " ON CONFLICT DO NOTHING")
                .setParameter(1, invitation).setParameter(2, from).setParameter(3, to).setParameter(4, relationship)
                .setParameter(5, context).executeUpdate();
    }

    /** An invitation involving a member who closed their account is not kept (see {@link #forget}). */
    private static final String NEITHER_CLOSED = "NOT EXISTS (SELECT 1 FROM closed_member WHERE member_id IN (?2, ?3))";

    /**
     * {@code member} closed their account: what the profile and invitation topics told about them goes (name,
     * headline, place, industry, companies, schools, groups, their invitations and their context, tags and VIP pins
     * by or on them), and the id is remembered as closed, so that nothing about them is written again. Repeating it
     * changes nothing.
     */
    public void forget(UUID member, java.time.Instant closedAt) {
        em.createNativeQuery("""
                WITH m AS (DELETE FROM member WHERE member_id = ?1),
                     o AS (DELETE FROM member_org WHERE member_id = ?1),
                     g AS (DELETE FROM member_group WHERE member_id = ?1),
                     i AS (DELETE FROM invitation_pair WHERE from_id = ?1 OR to_id = ?1),
                     t AS (DELETE FROM connection_tag WHERE member_id = ?1 OR other_id = ?1),
                     v AS (DELETE FROM vip_pin WHERE member_id = ?1 OR other_id = ?1)
                INSERT INTO closed_member (member_id, closed_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING""")
                .setParameter(1, member).setParameter(2, java.sql.Timestamp.from(closedAt)).executeUpdate();
    }

    /**
     * ACCEPTED, IGNORED, DECLINED, WITHDRAWN or EXPIRED; an invitation never sent here is recorded as such.
     *
     * @return false when nothing was recorded because one of the two closed their account (the same statement
     *         tells it, so an acceptance costs no extra query)
     */
    public boolean invitationState(UUID invitation, UUID from, UUID to, String state) {
        return em.createNativeQuery("INSERT INTO invitation_pair (invitation_id, from_id, to_id, state) SELECT ?1, ?2, ?3, CAST(?4 AS text)"
                        + " WHERE " + NEITHER_CLOSED + " ON CONFLICT (invitation_id) DO UPDATE SET state = EXCLUDED.state")
                .setParameter(1, invitation).setParameter(2, from).setParameter(3, to).setParameter(4, state)
                .executeUpdate() > 0;
    }

    /** Members with whom {@code member} has an open (pending, ignored or declined) invitation, either way. */
    @SuppressWarnings("unchecked")
    public Set<UUID> invitedEitherWay(UUID member) {
        return new HashSet<>(em.createNativeQuery("SELECT to_id FROM invitation_pair WHERE from_id = ?1 AND state = ANY(?2)"
                        + " UNION SELECT from_id FROM invitation_pair WHERE to_id = ?1 AND state = ANY(?2)")
                .setParameter(1, member).setParameter(2, OPEN_INVITATION_STATES.toArray(new String[0])).getResultList());
    }

    /**
     * Every member who shares a company, school or group with {@code member} (all of them: a cut here would not
     * follow the ranking, whose score adds the mutual connections only the index knows).
     */
    @SuppressWarnings("unchecked")
    public Set<UUID> sharingAnything(UUID member) {
        return new HashSet<>(em.createNativeQuery("SELECT o2.member_id FROM member_org o1 JOIN member_org o2"
                        + " ON o2.kind = o1.kind AND o2.name_key = o1.name_key AND o2.member_id <> o1.member_id"
                        + " WHERE o1.member_id = ?1 UNION SELECT g2.member_id FROM member_group g1 JOIN member_group g2"
                        + " ON g2.group_id = g1.group_id AND g2.member_id <> g1.member_id WHERE g1.member_id = ?1")
                .setParameter(1, member).getResultList());
    }

    /** For each of {@code others}: the companies, schools, groups and city they share with {@code member}. */
    @SuppressWarnings("unchecked")
    public Map<UUID, SharedFacts> shared(UUID member, Collection<UUID> others) {
        if (others.isEmpty()) {
            return Map.of();
        }
        UUID[] ids = others.toArray(new UUID[0]);
        Map<UUID, SharedFacts.Builder> out = new HashMap<>();
        List<Object[]> orgs = em.createNativeQuery("SELECT o2.member_id, o1.kind, o1.name, o1.current, o2.current"
                        + " FROM member_org o1 JOIN member_org o2 ON o2.kind = o1.kind AND o2.name_key = o1.name_key"
                        + " WHERE o1.member_id = ?1 AND o2.member_id = ANY(?2) AND o2.member_id <> o1.member_id"
                        + " ORDER BY o2.member_id, o1.kind, o1.name")
                .setParameter(1, member).setParameter(2, ids).getResultList();
        for (Object[] r : orgs) {
            SharedFacts.Builder b = out.computeIfAbsent((UUID) r[0], k -> SharedFacts.builder());
            if ("company".equals(r[1])) {
                b.company((String) r[2], (Boolean) r[3] && (Boolean) r[4]);
            } else {
                b.school((String) r[2]);
            }
        }
        List<Object[]> groups = em.createNativeQuery("SELECT g2.member_id, coalesce(i.name, '') FROM member_group g1"
                        + " JOIN member_group g2 ON g2.group_id = g1.group_id AND g2.member_id <> g1.member_id"
                        + " LEFT JOIN group_info i ON i.group_id = g1.group_id WHERE g1.member_id = ?1"
                        + " AND g2.member_id = ANY(?2) ORDER BY g2.member_id, 2")
                .setParameter(1, member).setParameter(2, ids).getResultList();
        for (Object[] r : groups) {
            out.computeIfAbsent((UUID) r[0], k -> SharedFacts.builder()).group((String) r[1]);
        }
        List<Object[]> city = em.createNativeQuery("SELECT m2.member_id, m1.city FROM member m1 JOIN member m2"
                        + " ON lower(m2.city) = lower(m1.city) AND coalesce(lower(m2.country), '') = coalesce(lower(m1.country), '')"
                        + " WHERE m1.member_id = ?1 AND m1.city IS NOT NULL AND m2.member_id = ANY(?2)")
                .setParameter(1, member).setParameter(2, ids).getResultList();
        for (Object[] r : city) {
            out.computeIfAbsent((UUID) r[0], k -> SharedFacts.builder()).city((String) r[1]);
        }
        Map<UUID, SharedFacts> facts = new HashMap<>();
        out.forEach((k, v) -> facts.put(k, v.build()));
        return facts;
    }

    static String key(String name) {
        return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
