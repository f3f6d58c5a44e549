package dev.trellis.invitation.store;

import dev.trellis.events.TrellisEvent;
import dev.trellis.invitation.domain.PairFacts;
import dev.trellis.invitation.domain.Standing;
import dev.trellis.platform.api.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.store.SqlValues;
import jakarta.persistence.EntityManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL over the invitation read model and the projections of profile and connection events. */
@ApplicationScoped
public class InvitationQueries {
    private static final String OPEN = "('PENDING', 'IGNORED', 'DECLINED_AS_UNKNOWN')";
    private final EntityManager em;
    private final DataSource dataSource;

    public InvitationQueries(EntityManager em, DataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /** A member as invitations show them. */
    public record Member(String firstName, String lastName, String profileVisibility) {
    }

    /**
     * Everything a send decides on, read in one statement: the recipient and the sender (for templates), the
     * recipient's open invitation to the sender (a mutual acceptance), the pair's facts, the sender's open
     * invitations and record (standing), and the latest forwarded introduction of the sender to the recipient with
     * whether the recipient is connected to its introducer (how the introducer's name shows to them).
     */
    public record SendRow(Member recipient, Member sender, UUID reverseId, String reverseStatus, PairFacts pair,
                          boolean openFromSender, Instant lastWithdrawnAt, boolean declinedAsUnknown, long openSent,
                          Standing.History history, List<Instant> recentSends, Introduction introduction,
                          boolean recipientKnowsIntroducer) {
        public boolean recipientExists() {
            return recipient != null;
        }
    }

    private static final String SEND_FACTS = """
            SELECT r.member_id IS NOT NULL, r.first_name, r.last_name, r.profile_visibility,
                   s.member_id IS NOT NULL, s.first_name, s.last_name, s.profile_visibility,
                   rev.invitation_id, rev.status,
                   EXISTS (SELECT 1 FROM member_block b WHERE (b.blocker_id = p.f AND b.blocked_id = p.t)
                                                          OR (b.blocker_id = p.t AND b.blocked_id = p.f)),
                   EXISTS (SELECT 1 FROM connection_pair c WHERE c.member_id = p.f AND c.other_id = p.t),
                   (SELECT count(*) FROM connection_pair c WHERE c.member_id = p.f),
                   (SELECT count(*) FROM connection_pair c WHERE c.member_id = p.t),
                   EXISTS (SELECT 1 FROM invitation i WHERE i.from_member = p.f AND i.to_member = p.t AND i.status IN %1$s),
                   (SELECT max(i.answered_at) FROM invitation i
                     WHERE i.from_member = p.f AND i.to_member = p.t AND i.status = 'WITHDRAWN'),
                   EXISTS (SELECT 1 FROM invitation i
                            WHERE i.from_member = p.f AND i.to_member = p.t AND i.declined_as_unknown_at IS NOT NULL),
                   (SELECT count(*) FROM invitation i WHERE i.from_member = p.f AND i.status IN %1$s),
                   h.counted, h.accepted, h.declined,
                   (SELECT array_agg(i.sent_at ORDER BY i.sent_at) FROM invitation i
                     WHERE i.from_member = p.f AND i.sent_at > p.window_start),
                   n.introduction_id, n.introducer_id, im.first_name, im.last_name, n.note, im.profile_visibility,
                   EXISTS (SELECT 1 FROM connection_pair c WHERE c.member_id = p.t AND c.other_id = n.introducer_id)
            FROM (VALUES (?::uuid, ?::uuid, ?::timestamptz, ?::timestamptz, ?::timestamptz))
                     AS p (f, t, history_since, matured_by, window_start)
            LEFT JOIN member r ON r.member_id = p.t
            LEFT JOIN member s ON s.member_id = p.f
            LEFT JOIN LATERAL (SELECT i.invitation_id, i.status FROM invitation i
                                WHERE i.from_member = p.t AND i.to_member = p.f AND i.status IN %1$s LIMIT 1) rev ON true
            CROSS JOIN LATERAL (SELECT count(*) AS counted,
                                       count(*) FILTER (WHERE i.status = 'ACCEPTED') AS accepted,
                                       count(*) FILTER (WHERE i.declined_as_unknown_at <= p.matured_by) AS declined
                                FROM invitation i WHERE i.from_member = p.f AND i.sent_at > p.history_since
                                     AND i.sent_at <= p.matured_by AND NOT i.mutual) h
            LEFT JOIN LATERAL (SELECT x.introduction_id, x.introducer_id, x.note FROM introduction x
                                WHERE x.requester_id = p.f AND x.target_id = p.t
                                ORDER BY x.forwarded_at DESC LIMIT 1) n ON true
            LEFT JOIN member im ON im.member_id = n.introducer_id""".formatted(OPEN);

    /**
     * The facts of a send from {@code from} to {@code to} (one statement; call it after {@link #lockSender}).
     * The sender's record counts the invitations sent after {@code historySince} and not after {@code maturedBy}
     * ({@link #history}); the recent sends are those after {@code windowStart} ({@link #sendsSince}).
     */
    public SendRow sendFacts(UUID from, UUID to, Instant historySince, Instant maturedBy, Instant windowStart) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SEND_FACTS)) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            ps.setObject(3, utc(historySince));
            ps.setObject(4, utc(maturedBy));
            ps.setObject(5, utc(windowStart));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Member recipient = rs.getBoolean(1) ? new Member(rs.getString(2), rs.getString(3), rs.getString(4)) : null;
                Member sender = rs.getBoolean(5) ? new Member(rs.getString(6), rs.getString(7), rs.getString(8)) : null;
                PairFacts pair = new PairFacts(rs.getBoolean(11), rs.getBoolean(12), rs.getLong(13), rs.getLong(14));
                List<Instant> recent = new ArrayList<>();
                java.sql.Array sends = rs.getArray(22);
                if (sends != null) {
                    for (Object o : (Object[]) sends.getArray()) {
                        recent.add(SqlValues.instant(o));
                    }
                }
                UUID introductionId = rs.getObject(23, UUID.class);
                Introduction intro = introductionId == null ? null : new Introduction(introductionId,
                        rs.getObject(24, UUID.class), rs.getString(25), rs.getString(26), rs.getString(27), rs.getString(28));
                return new SendRow(recipient, sender, rs.getObject(9, UUID.class), rs.getString(10), pair,
                        rs.getBoolean(15), instant(rs, 16), rs.getBoolean(17), rs.getLong(18),
                        new Standing.History(rs.getInt(19), rs.getInt(20), rs.getInt(21)), List.copyOf(recent), intro,
                        rs.getBoolean(29));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the facts of a send", e);
        }
    }

    /**
     * The rules of the pair {@code a} (inviting) and {@code b} (invited), whoever asks: one statement. Plain JDBC,
     * like the other statements of every send and accept: a Hibernate native query first flushes the session and
     * builds a result mapping each time, which cost more CPU than the statement (JFR, issue 13).
     */
    public PairFacts pairFacts(UUID a, UUID b) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM member_block WHERE (blocker_id = p.a AND blocked_id = p.b)
                                                             OR (blocker_id = p.b AND blocked_id = p.a)),
                       EXISTS (SELECT 1 FROM connection_pair WHERE member_id = p.a AND other_id = p.b),
                       (SELECT count(*) FROM connection_pair WHERE member_id = p.a),
                       (SELECT count(*) FROM connection_pair WHERE member_id = p.b)
                FROM (SELECT ?::uuid AS a, ?::uuid AS b) p""")) {
            ps.setObject(1, a);
            ps.setObject(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new PairFacts(rs.getBoolean(1), rs.getBoolean(2), rs.getLong(3), rs.getLong(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the facts of a pair", e);
        }
    }

    /**
     * Writes the read model of an invitation whose stream was {@code history} and got {@code events} (now at
     * {@code version}), without reading the row first: one UPDATE, which returns the row. The row is what
     * {@link InvitationEntity#apply} makes of the events (plus what the send recorded that no event holds, the
     * introduction); the returned entity is not managed.
     */
    public InvitationEntity recordState(UUID invitationId, List<TrellisEvent> history, List<TrellisEvent> events,
                                        long version, Instant nextDueAt) {
        InvitationEntity after = new InvitationEntity();
        history.forEach(after::apply);
        events.forEach(after::apply);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE invitation SET status = ?, answered_at = ?, reminders_sent = ?, declined_as_unknown_at = ?,
                                      mutual = ?, next_due_at = ?, version = ?
                WHERE invitation_id = ?
                RETURNING invitation_id, from_member, to_member, note, relationship, context, template_id, status,
                          sent_at, answered_at, expires_at, reminders_sent, declined_as_unknown_at, mutual,
                          next_due_at, introduction_id, version""")) {
            ps.setString(1, after.status);
            ps.setObject(2, utc(after.answeredAt));
            ps.setInt(3, after.remindersSent);
            ps.setObject(4, utc(after.declinedAsUnknownAt));
            ps.setBoolean(5, after.mutual);
            ps.setObject(6, utc(nextDueAt));
            ps.setLong(7, version);
            ps.setObject(8, invitationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("invitation " + invitationId + " has a stream but no read model row");
                }
                InvitationEntity v = new InvitationEntity();
                v.invitationId = rs.getObject(1, UUID.class);
                v.fromMember = rs.getObject(2, UUID.class);
                v.toMember = rs.getObject(3, UUID.class);
                v.note = rs.getString(4);
                v.relationship = rs.getString(5);
                v.context = rs.getString(6);
                v.templateId = rs.getString(7);
                v.status = rs.getString(8);
                v.sentAt = instant(rs, 9);
                v.answeredAt = instant(rs, 10);
                v.expiresAt = instant(rs, 11);
                v.remindersSent = rs.getInt(12);
                v.declinedAsUnknownAt = instant(rs, 13);
                v.mutual = rs.getBoolean(14);
                v.introductionId = rs.getObject(16, UUID.class);
                // as the service answered when it applied the events to the row it had read: the events' own instants
                events.forEach(v::apply);
                v.nextDueAt = nextDueAt;
                v.version = version;
                return v;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update invitation " + invitationId, e);
        }
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Serialises a sender's sends (quota, duplicates) until the transaction ends. */
    public void lockSender(UUID sender) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "invite:" + sender);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the sends of " + sender, e);
        }
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

    /** Not kept when one of the three closed their account (the recommendation topic may bring it after that). */
    public void recordIntroduction(UUID id, UUID requester, UUID introducer, UUID target, String note, Instant forwardedAt) {
        em.createNativeQuery("INSERT INTO introduction (introduction_id, requester_id, introducer_id, target_id, note, forwarded_at) "
                        + "SELECT ?1, ?2, ?3, ?4, CAST(?5 AS text), ?6 WHERE NOT EXISTS (SELECT 1 FROM closed_member"
                        + " WHERE member_id IN (?2, ?3, ?4)) ON CONFLICT (introduction_id) DO NOTHING")
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

    /** The invitations from or to {@code member} that are still open (as their sender sees it). */
    @SuppressWarnings("unchecked")
    public List<UUID> openInvolving(UUID member) {
        return em.createNativeQuery("SELECT invitation_id FROM invitation WHERE (from_member = ?1 OR to_member = ?1)"
                + " AND status IN " + OPEN + " ORDER BY invitation_id").setParameter(1, member).getResultList();
    }

    /**
     * {@code member} closed their account: their name and headline go, the notes and contexts of every invitation
     * from or to them, the introductions they asked for, made or were the target of (with the forwarded notes), and
     * their connections and blocks here; an invitation another member sent under their introduction no longer names
     * them ({@code unnamedContext}). Only the id stays, in {@code closed_member}, so that nothing about them is kept
     * again. Repeating it changes nothing.
     */
    public void forget(UUID member, Instant closedAt, String introductionPrefix, String unnamedContext) {
        em.createNativeQuery("""
                WITH n AS (UPDATE invitation i SET context = ?4 FROM introduction x
                           WHERE x.introduction_id = i.introduction_id AND x.introducer_id = ?1
                             AND i.from_member <> ?1 AND i.to_member <> ?1 AND i.context LIKE ?3 || '%'),
                     t AS (UPDATE invitation SET note = NULL, context = NULL
                           WHERE (from_member = ?1 OR to_member = ?1) AND (note IS NOT NULL OR context IS NOT NULL)),
                     x AS (DELETE FROM introduction WHERE requester_id = ?1 OR introducer_id = ?1 OR target_id = ?1),
                     m AS (DELETE FROM member WHERE member_id = ?1),
                     c AS (DELETE FROM connection_pair WHERE member_id = ?1 OR other_id = ?1),
                     b AS (DELETE FROM member_block WHERE blocker_id = ?1 OR blocked_id = ?1)
                INSERT INTO closed_member (member_id, closed_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING""")
                .setParameter(1, member).setParameter(2, Timestamp.from(closedAt)).setParameter(3, introductionPrefix)
                .setParameter(4, unnamedContext).executeUpdate();
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
