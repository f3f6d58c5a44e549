package dev.trellis.notification.application;

import dev.trellis.events.profile.AccountClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A member closed their account (AccountClosed, profile events), in the consumer's transaction: everything of
 * theirs goes (notifications, prompts, badge state, stream tickets, their side of each conversation, the member
 * row), and so does everything others had about them (notifications by or about them, prompts to message them,
 * invitation states, connections and blocks with them); the text of every message they wrote is erased. The
 * conversations stay for the others, who see them as a deleted member ({@link People}). Only the id is kept
 * ({@code closed_member}), and no write brings anything about them back: the notification and prompt inserts, the
 * invitation state and the connection projection skip a closed member, whatever order a replay reads the topics in.
 * Applying it twice changes nothing the second time.
 */
@ApplicationScoped
public class AccountClosure {
    private final EntityManager em;
    private final BadgeBroadcaster broadcaster;

    public AccountClosure(EntityManager em, BadgeBroadcaster broadcaster) {
        this.em = em;
        this.broadcaster = broadcaster;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onAccountClosed(AccountClosed closed) {
        UUID m = closed.memberId();
        @SuppressWarnings("unchecked")
        List<UUID> others = em.createNativeQuery("SELECT DISTINCT recipient FROM notification "
                + "WHERE (actor = ?1 OR subject_member = ?1) AND recipient <> ?1").setParameter(1, m).getResultList();
        em.createNativeQuery("""
                WITH n AS (DELETE FROM notification WHERE recipient = ?1 OR actor = ?1 OR subject_member = ?1),
                     p AS (DELETE FROM prompt WHERE member_id = ?1 OR other_member = ?1),
                     i AS (DELETE FROM invitation_state WHERE from_member = ?1 OR to_member = ?1),
                     c AS (DELETE FROM connection WHERE member_a = ?1 OR member_b = ?1),
                     b AS (DELETE FROM block WHERE blocker = ?1 OR blocked = ?1),
                     u AS (DELETE FROM nurture_mark WHERE member_id = ?1),
                     t AS (DELETE FROM stream_ticket WHERE member_id = ?1),
                     s AS (DELETE FROM conversation_member WHERE member_id = ?1),
                     x AS (UPDATE message SET text = NULL, client_message_id = NULL
                           WHERE sender = ?1 AND (text IS NOT NULL OR client_message_id IS NOT NULL)),
                     r AS (DELETE FROM member WHERE member_id = ?1)
                INSERT INTO closed_member (member_id, closed_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING""")
                .setParameter(1, m).setParameter(2, Timestamp.from(closed.closedAt())).executeUpdate();
        Set<UUID> changed = new HashSet<>(others);
        changed.add(m);
        broadcaster.changed(changed);
    }

    /** Whether one of {@code members} (nulls ignored) closed their account. */
    static boolean anyClosed(EntityManager em, UUID... members) {
        List<UUID> ids = Arrays.stream(members).filter(Objects::nonNull).distinct().toList();
        return !ids.isEmpty() && !em.createNativeQuery("SELECT 1 FROM closed_member WHERE member_id IN (?1)")
                .setParameter(1, ids).getResultList().isEmpty();
    }

    /** Those of {@code members} who closed their account. */
    @SuppressWarnings("unchecked")
    static Set<UUID> closedAmong(EntityManager em, List<UUID> members) {
        if (members.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createNativeQuery("SELECT member_id FROM closed_member WHERE member_id IN (?1)")
                .setParameter(1, members).getResultList());
    }
}
