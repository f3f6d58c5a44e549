package dev.trellis.invitation.store;

import dev.trellis.invitation.domain.Standing;
import dev.trellis.platform.api.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.store.SqlValues;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** SQL over the invitation read model and the projections of profile and connection events. */
@ApplicationScoped
public class InvitationQueries {
    private static final String OPEN = "('PENDING', 'IGNORED', 'DECLINED_AS_UNKNOWN')";
    private final EntityManager em;

    public InvitationQueries(EntityManager em) {
        this.em = em;
    }

    /** Serialises a sender's sends (quota, duplicates) until the transaction ends. */
    public void lockSender(UUID sender) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "invite:" + sender)
                .getSingleResult();
    }

    public boolean memberExists(UUID member) {
        return exists("SELECT 1 FROM member WHERE member_id = ?1", member);
    }

    public boolean blockedEitherWay(UUID a, UUID b) {
        return exists("SELECT 1 FROM member_block WHERE (blocker_id = ?1 AND blocked_id = ?2) OR (blocker_id = ?2 AND blocked_id = ?1)", a, b);
    }

    public boolean connected(UUID a, UUID b) {
        return exists("SELECT 1 FROM connection_pair WHERE member_id = ?1 AND other_id = ?2", a, b);
    }

    public long connectionCount(UUID member) {
        return number("SELECT count(*) FROM connection_pair WHERE member_id = ?1", member);
    }

    public long mutualCount(UUID a, UUID b) {
        return number("""
                SELECT count(*) FROM connection_pair x JOIN connection_pair y ON y.member_id = ?2 AND y.other_id = x.other_id
                WHERE x.member_id = ?1""", a, b);
    }

    /** The open invitation (as its sender sees it) from one member to another, if any. */
    public InvitationEntity open(UUID from, UUID to) {
        List<InvitationEntity> l = InvitationEntity.list("fromMember = ?1 and toMember = ?2 and status in " + OPEN, from, to);
        return l.isEmpty() ? null : l.get(0);
    }

    public Instant lastWithdrawn(UUID from, UUID to) {
        Object o = em.createNativeQuery("SELECT max(answered_at) FROM invitation WHERE from_member = ?1 AND to_member = ?2 AND status = 'WITHDRAWN'")
                .setParameter(1, from).setParameter(2, to).getSingleResult();
        return SqlValues.instant(o);
    }

    public boolean declinedAsUnknown(UUID from, UUID to) {
        return exists("SELECT 1 FROM invitation WHERE from_member = ?1 AND to_member = ?2 AND declined_as_unknown_at IS NOT NULL", from, to);
    }

    public long openSent(UUID from) {
        return number("SELECT count(*) FROM invitation WHERE from_member = ?1 AND status IN " + OPEN, from);
    }

    /**
     * The sender's record for the standing: of the non-mutual invitations {@code from} sent after {@code since} and
     * not after {@code maturedBy} (withdrawn ones included), how many there are, how many were accepted, and how many
     * were answered "I don't know this person" not after {@code maturedBy}. Ignored and declined invitations are
     * not told apart from unanswered ones: only acceptances (which the sender sees) count as answers.
     */
    public Standing.History history(UUID from, Instant since, Instant maturedBy) {
        Object[] r = (Object[]) em.createNativeQuery("""
                SELECT count(*),
                       count(*) FILTER (WHERE status = 'ACCEPTED'),
                       count(*) FILTER (WHERE declined_as_unknown_at <= ?3)
                FROM invitation WHERE from_member = ?1 AND sent_at > ?2 AND sent_at <= ?3 AND NOT mutual""")
                .setParameter(1, from).setParameter(2, Timestamp.from(since)).setParameter(3, Timestamp.from(maturedBy))
                .getSingleResult();
        return new Standing.History(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), ((Number) r[2]).intValue());
    }

    /** When {@code from}'s invitations since {@code since} were sent (mutual acceptances are not sends). */
    public List<Instant> sendsSince(UUID from, Instant since) {
        List<?> rows = em.createNativeQuery("SELECT sent_at FROM invitation WHERE from_member = ?1 AND sent_at > ?2 ORDER BY sent_at")
                .setParameter(1, from).setParameter(2, Timestamp.from(since)).getResultList();
        return rows.stream().map(SqlValues::instant).toList();
    }

    /** Invitations whose reminder or expiry is due. */
    @SuppressWarnings("unchecked")
    public List<UUID> due(Instant now, int limit) {
        return em.createNativeQuery("SELECT invitation_id FROM invitation WHERE next_due_at <= ?1 ORDER BY next_due_at LIMIT ?2")
                .setParameter(1, Timestamp.from(now)).setParameter(2, limit).getResultList();
    }

    /** A received invitation as the recipient sees it, with the sender and the mutual connections. */
    public record ReceivedRow(UUID invitationId, UUID fromMemberId, String firstName, String lastName, String headline,
                              String profileVisibility, boolean senderIsConnection, String note, String relationship,
                              String context, Instant sentAt, long mutualConnections, Introduction introduction) {
    }

    /** The forwarded introduction an invitation was sent under: who introduced, and the requester's note. */
    public record Introduction(UUID introductionId, UUID introducerId, String firstName, String lastName, String note,
                               String profileVisibility) {
    }

    @SuppressWarnings("unchecked")
    public List<ReceivedRow> received(UUID to, int page, int size) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT i.invitation_id, i.from_member, m.first_name, m.last_name, m.headline, i.note, i.relationship,
                       i.context, i.sent_at,
                       (SELECT count(*) FROM connection_pair x JOIN connection_pair y
                          ON y.member_id = i.from_member AND y.other_id = x.other_id WHERE x.member_id = i.to_member),
                       n.introduction_id, n.introducer_id, im.first_name, im.last_name, n.note,
                       m.profile_visibility, im.profile_visibility,
                       EXISTS (SELECT 1 FROM connection_pair c WHERE c.member_id = i.to_member AND c.other_id = i.from_member)
                FROM invitation i LEFT JOIN member m ON m.member_id = i.from_member
                     LEFT JOIN introduction n ON n.introduction_id = i.introduction_id
                     LEFT JOIN member im ON im.member_id = n.introducer_id
                WHERE i.to_member = ?1 AND i.status = 'PENDING'
                ORDER BY i.sent_at DESC, i.invitation_id""")
                .setParameter(1, to).setFirstResult(Paging.firstResult(page, size)).setMaxResults(size)
                .getResultList();
        return rows.stream().map(r -> new ReceivedRow((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[15], Boolean.TRUE.equals(r[17]), (String) r[5], (String) r[6], (String) r[7],
                SqlValues.instant(r[8]), ((Number) r[9]).longValue(),
                r[10] == null ? null : new Introduction((UUID) r[10], (UUID) r[11], (String) r[12], (String) r[13],
                        (String) r[14], (String) r[16])))
                .toList();
    }

    public long receivedCount(UUID to) {
        return number("SELECT count(*) FROM invitation WHERE to_member = ?1 AND status = 'PENDING'", to);
    }

    // ---- projections of other services' events

    public void recordIntroduction(UUID id, UUID requester, UUID introducer, UUID target, String note, Instant forwardedAt) {
        em.createNativeQuery("INSERT INTO introduction (introduction_id, requester_id, introducer_id, target_id, note, forwarded_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (introduction_id) DO NOTHING")
                .setParameter(1, id).setParameter(2, requester).setParameter(3, introducer).setParameter(4, target)
                .setParameter(5, note).setParameter(6, Timestamp.from(forwardedAt)).executeUpdate();
    }

    /** The latest introduction of {@code requester} to {@code target} that was forwarded, with the introducer's name. */
    @SuppressWarnings("unchecked")
    public Introduction forwardedIntroduction(UUID requester, UUID target) {
        List<Object[]> rows = em.createNativeQuery("SELECT n.introduction_id, n.introducer_id, m.first_name, m.last_name, n.note, "
                        + "m.profile_visibility "
                        + "FROM introduction n LEFT JOIN member m ON m.member_id = n.introducer_id "
                        + "WHERE n.requester_id = ?1 AND n.target_id = ?2 ORDER BY n.forwarded_at DESC LIMIT 1")
                .setParameter(1, requester).setParameter(2, target).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Introduction((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5]);
    }

    public void upsertMember(UUID id, String first, String last, String headline) {
        em.createNativeQuery("""
                INSERT INTO member (member_id, first_name, last_name, headline) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (member_id) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
                    headline = EXCLUDED.headline""")
                .setParameter(1, id).setParameter(2, first).setParameter(3, last).setParameter(4, headline).executeUpdate();
    }

    /** ProfileUpdated: the member's name and headline now (a member not created here stays unknown). */
    public void updateMember(UUID id, String first, String last, String headline) {
        em.createNativeQuery("UPDATE member SET first_name = ?2, last_name = ?3, headline = ?4 WHERE member_id = ?1")
                .setParameter(1, id).setParameter(2, first).setParameter(3, last).setParameter(4, headline).executeUpdate();
    }

    /** PrivacySettingsChanged: how the member's name shows out of network. */
    public void profileVisibility(UUID id, String profileVisibility) {
        em.createNativeQuery("UPDATE member SET profile_visibility = ?2 WHERE member_id = ?1")
                .setParameter(1, id).setParameter(2, profileVisibility == null ? "FULL" : profileVisibility).executeUpdate();
    }

    public void connect(UUID a, UUID b) {
        for (UUID[] d : new UUID[][]{{a, b}, {b, a}}) {
            em.createNativeQuery("INSERT INTO connection_pair (member_id, other_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, d[0]).setParameter(2, d[1]).executeUpdate();
        }
    }

    public void disconnect(UUID a, UUID b) {
        em.createNativeQuery("DELETE FROM connection_pair WHERE (member_id = ?1 AND other_id = ?2) OR (member_id = ?2 AND other_id = ?1)")
                .setParameter(1, a).setParameter(2, b).executeUpdate();
    }

    public void block(UUID blocker, UUID blocked) {
        em.createNativeQuery("INSERT INTO member_block (blocker_id, blocked_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, blocker).setParameter(2, blocked).executeUpdate();
    }

    public void unblock(UUID blocker, UUID blocked) {
        em.createNativeQuery("DELETE FROM member_block WHERE blocker_id = ?1 AND blocked_id = ?2")
                .setParameter(1, blocker).setParameter(2, blocked).executeUpdate();
    }

    private boolean exists(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return !q.setMaxResults(1).getResultList().isEmpty();
    }

    private long number(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

}
