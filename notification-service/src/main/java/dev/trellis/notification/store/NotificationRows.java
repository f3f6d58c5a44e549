package dev.trellis.notification.store;

import dev.trellis.notification.domain.Effect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The consumers' hottest writes as one statement each, in the caller's transaction: a new notification or prompt
 * is an {@code INSERT ... ON CONFLICT DO NOTHING} against the unique keys that make it one of a kind, instead of a
 * count query per key and then an insert (one round trip instead of two or three, and no Hibernate query to parse,
 * flush and dirty-check before each count). The unique keys: {@code notification_id} (derived from the natural key,
 * see {@link Effect.Notify#notificationId()}) and {@code notification_one_per_invitation} (recipient, kind,
 * invitation, reminder); {@code prompt_id} (derived) and {@code prompt_one_per_invitation} /
 * {@code prompt_one_per_recommendation}.
 */
@ApplicationScoped
public class NotificationRows {
    private final DataSource dataSource;

    public NotificationRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the notification unless one with its id or its invitation key exists; true if it is new. The caller
     * holds the recipient's lock, so seq follows the recipient's commit order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insert(Effect.Notify n) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO notification (notification_id, recipient, kind, category, actor, note, relationship,
                                               context, reminder, invitation_id, recommendation_id, introduction_id,
                                               subject_member, detail, seen, read, created_at)
                     SELECT CAST(? AS uuid), CAST(? AS uuid), ?, ?, CAST(? AS uuid), ?, ?, ?, CAST(? AS integer),
                            CAST(? AS uuid), CAST(? AS uuid), CAST(? AS uuid), CAST(? AS uuid), ?, ?, ?,
                            CAST(? AS timestamptz)
                     WHERE NOT EXISTS (SELECT 1 FROM closed_member
                                       WHERE member_id IN (CAST(? AS uuid), CAST(? AS uuid), CAST(? AS uuid)))
                     ON CONFLICT DO NOTHING""")) {
            uuid(ps, 1, n.notificationId());
            uuid(ps, 2, n.recipient());
            ps.setString(3, n.kind().name());
            ps.setString(4, n.kind().category().name());
            uuid(ps, 5, n.actor());
            ps.setString(6, n.note());
            ps.setString(7, n.relationship());
            ps.setString(8, n.context());
            if (n.reminder() == null) {
                ps.setNull(9, Types.INTEGER);
            } else {
                ps.setInt(9, n.reminder());
            }
            uuid(ps, 10, n.invitationId());
            uuid(ps, 11, n.recommendationId());
            uuid(ps, 12, n.introductionId());
            uuid(ps, 13, n.subjectMember());
            ps.setString(14, n.detail());
            ps.setBoolean(15, n.handled());
            ps.setBoolean(16, n.handled());
            ps.setObject(17, OffsetDateTime.ofInstant(n.at(), ZoneOffset.UTC));
            uuid(ps, 18, n.recipient()); // nothing for, from or about a member who closed their account
            uuid(ps, 19, n.actor());
            uuid(ps, 20, n.subjectMember());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store notification " + n.notificationId(), e);
        }
    }

    /** Stores the prompt unless it exists (by id, or by member, kind and invitation or recommendation); true if new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertPrompt(UUID promptId, UUID member, String kind, UUID otherMember, UUID invitationId,
                                UUID recommendationId, Instant createdAt, Instant expiresAt) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO prompt (prompt_id, member_id, kind, other_member, invitation_id, recommendation_id,
                                         created_at, expires_at)
                     SELECT CAST(? AS uuid), CAST(? AS uuid), ?, CAST(? AS uuid), CAST(? AS uuid), CAST(? AS uuid),
                            CAST(? AS timestamptz), CAST(? AS timestamptz)
                     WHERE NOT EXISTS (SELECT 1 FROM closed_member WHERE member_id IN (CAST(? AS uuid), CAST(? AS uuid)))
                     ON CONFLICT DO NOTHING""")) {
            uuid(ps, 1, promptId);
            uuid(ps, 2, member);
            ps.setString(3, kind);
            uuid(ps, 4, otherMember);
            uuid(ps, 5, invitationId);
            uuid(ps, 6, recommendationId);
            ps.setObject(7, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            ps.setObject(8, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
            uuid(ps, 9, member); // no prompt for or about a member who closed their account
            uuid(ps, 10, otherMember);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store prompt " + promptId, e);
        }
    }

    /**
     * Marks the recipient's notifications of these kinds about the invitation seen and read; the number changed.
     * (A plain statement: Hibernate cannot cache the plan of a query with a list parameter and translated the HQL
     * again for every accept.)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int markHandled(UUID recipient, java.util.List<String> kinds, UUID invitationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE notification SET seen = true, read = true
                     WHERE recipient = ? AND invitation_id = ? AND kind = ANY (?) AND (NOT seen OR NOT read)""")) {
            ps.setObject(1, recipient);
            ps.setObject(2, invitationId);
            ps.setArray(3, c.createArrayOf("text", kinds.toArray()));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark the notifications of invitation " + invitationId, e);
        }
    }

    private static void uuid(PreparedStatement ps, int i, UUID value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.OTHER);
        } else {
            ps.setObject(i, value);
        }
    }
}
