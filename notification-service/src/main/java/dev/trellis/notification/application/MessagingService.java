package dev.trellis.notification.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberPair;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.notification.MessageSent;
import dev.trellis.notification.domain.MessageTemplates;
import dev.trellis.notification.domain.MessagingPolicy;
import dev.trellis.notification.store.ConversationEntity;
import dev.trellis.notification.store.ConversationMemberEntity;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.notification.store.MessageEntity;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.EventStore;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Messages between 1st-degree connections. Keeps its own projection of connections and blocks (from
 * trellis.connection.events only: ConnectionMade / ConnectionRemoved / MemberBlocked / MemberUnblocked), one conversation per pair, the
 * unread count of each side, and publishes MessageSent (without the text) through the event store's outbox.
 */
@ApplicationScoped
public class MessagingService {
    private final EntityManager em;
    private final Clock clock;
    private final EventStore store;
    private final NotificationService notifications;
    private final BadgeBroadcaster broadcaster;

    public MessagingService(EntityManager em, Clock clock, EventStore store, NotificationService notifications,
                            BadgeBroadcaster broadcaster) {
        this.em = em;
        this.clock = clock;
        this.store = store;
        this.notifications = notifications;
        this.broadcaster = broadcaster;
    }

    // ---- projection of connections and blocks

    /**
     * ConnectionMade / Removed, MemberBlocked / Unblocked: the only events that change who may message whom.
     * InvitationAccepted does not: connection-service may refuse the connection (a block landed first).
     */
    @Transactional
    public void onConnectionEvent(TrellisEvent event) {
        if (event instanceof ConnectionMade m) {
            UUID[] p = pair(m.memberA(), m.memberB());
            // a removed connection made again starts afresh; a known one keeps its history
            em.createNativeQuery("INSERT INTO connection (member_a, member_b, connected_at) SELECT ?1, ?2, ?3 "
                            + "WHERE " + NEITHER_CLOSED + " ON CONFLICT (member_a, member_b) DO UPDATE SET "
                            + "connected_at = CASE WHEN connection.removed_at IS NULL THEN connection.connected_at ELSE EXCLUDED.connected_at END, "
                            + "follow_up_done = CASE WHEN connection.removed_at IS NULL THEN connection.follow_up_done ELSE FALSE END, "
                            + "removed_at = NULL "
                            + "WHERE connection.removed_at IS NULL OR connection.removed_at <= EXCLUDED.connected_at")
                    .setParameter(1, p[0]).setParameter(2, p[1]).setParameter(3, ts(m.connectedAt())).executeUpdate();
        } else if (event instanceof ConnectionRemoved r) {
            UUID[] p = pair(r.memberA(), r.memberB());
            em.createNativeQuery("INSERT INTO connection (member_a, member_b, connected_at, removed_at) "
                            + "SELECT ?1, ?2, ?3, ?3 WHERE " + NEITHER_CLOSED
                            + " ON CONFLICT (member_a, member_b) DO UPDATE SET removed_at = EXCLUDED.removed_at "
                            + "WHERE connection.removed_at IS NULL AND connection.connected_at <= EXCLUDED.removed_at")
                    .setParameter(1, p[0]).setParameter(2, p[1]).setParameter(3, ts(r.removedAt())).executeUpdate();
        } else if (event instanceof MemberBlocked b) {
            em.createNativeQuery("INSERT INTO block (blocker, blocked, blocked_at) SELECT ?1, ?2, ?3 WHERE "
                            + NEITHER_CLOSED + " ON CONFLICT DO NOTHING")
                    .setParameter(1, b.blockerId()).setParameter(2, b.blockedId()).setParameter(3, ts(b.blockedAt()))
                    .executeUpdate();
        } else if (event instanceof MemberUnblocked u) {
            em.createNativeQuery("DELETE FROM block WHERE blocker = ?1 AND blocked = ?2")
                    .setParameter(1, u.blockerId()).setParameter(2, u.blockedId()).executeUpdate();
        }
    }

    /** Neither of the pair (?1, ?2) closed their account: nothing is kept of a pair with a closed member. */
    private static final String NEITHER_CLOSED = "NOT EXISTS (SELECT 1 FROM closed_member WHERE member_id IN (?1, ?2))";

    /** What is known of the pair, from {@code me}'s side. */
    @Transactional
    public MessagingPolicy.PairFacts facts(UUID me, UUID other) {
        return facts(em, me, other);
    }

    /** What is known of the pair, from {@code me}'s side, in the caller's transaction. */
    static MessagingPolicy.PairFacts facts(EntityManager em, UUID me, UUID other) {
        if (me.equals(other)) {
            return new MessagingPolicy.PairFacts(true, false, false, false);
        }
        UUID[] p = pair(me, other);
        @SuppressWarnings("unchecked")
        List<Object> removed = em.createNativeQuery("SELECT removed_at FROM connection WHERE member_a = ?1 AND member_b = ?2")
                .setParameter(1, p[0]).setParameter(2, p[1]).getResultList();
        boolean blocked = ((Number) em.createNativeQuery("SELECT count(*) FROM block WHERE (blocker = ?1 AND blocked = ?2) "
                        + "OR (blocker = ?2 AND blocked = ?1)").setParameter(1, me).setParameter(2, other)
                .getSingleResult()).longValue() > 0;
        boolean connected = !removed.isEmpty() && removed.get(0) == null;
        boolean wasRemoved = !removed.isEmpty() && removed.get(0) != null;
        return new MessagingPolicy.PairFacts(false, connected, wasRemoved, blocked);
    }

    // ---- sending

    public record Sent(MessageEntity message, boolean isNew) {
    }

    /**
     * Sends {@code text} from {@code sender} to {@code to}: 404 member-not-found for a member this service does not
     * know; 403 not-possible unless they are connected (whatever the cause); 400 for an empty or too long text. A retry with the same {@code clientMessageId}
     * returns the first message and sends nothing more.
     */
    @Transactional
    public Sent send(UUID sender, UUID to, String text, String clientMessageId) {
        if (to == null) {
            throw DomainException.invalid("to", "the recipient's member id is required");
        }
        requireKnown(to);
        if (clientMessageId != null && (clientMessageId.isBlank() || clientMessageId.length() > 100)) {
            throw DomainException.invalid("clientMessageId", "1 to 100 characters");
        }
        MessagingPolicy.checkText(text);
        if (clientMessageId != null) {
            // concurrent retries of one message wait here for the first, then find it (no unique-key 500)
            em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                    .setParameter(1, "message-retry|" + sender + "|" + clientMessageId).getSingleResult();
            MessageEntity earlier = MessageEntity.<MessageEntity>find("sender = ?1 and clientMessageId = ?2", sender,
                    clientMessageId).firstResult();
            if (earlier != null) {
                if (!earlier.recipient.equals(to) || !text.equals(earlier.text)) {
                    throw DomainException.conflict("client-message-id-reused",
                            "clientMessageId " + clientMessageId + " was used for another message");
                }
                return new Sent(earlier, false);
            }
        }
        MessagingPolicy.checkMaySend(facts(sender, to));
        Instant now = clock.now();
        ConversationEntity c = conversation(sender, to, now);
        MessageEntity m = new MessageEntity();
        m.messageId = UUID.randomUUID();
        m.conversationId = c.conversationId;
        m.sender = sender;
        m.recipient = to;
        m.text = text;
        m.clientMessageId = clientMessageId;
        m.sentAt = now;
        m.persist();
        long expected = c.version;
        c.version++;
        c.lastMessageAt = now;
        em.createNativeQuery("UPDATE conversation_member SET last_message_at = ?1, "
                        + "unread = CASE WHEN member_id = ?2 THEN unread + 1 ELSE unread END WHERE conversation_id = ?3")
                .setParameter(1, ts(now)).setParameter(2, to).setParameter(3, c.conversationId).executeUpdate();
        MessageSent event = new MessageSent(m.messageId, c.conversationId, sender, to, now);
        store.append("conversation-" + c.conversationId, expected, List.of(event));
        applyMessageSent(event);
        broadcaster.changed(to);
        return new Sent(m, true);
    }

    /**
     * What a message changes besides the conversation (live, and when a replay re-applies the journal): the
     * pair's last activity (follow-up and nurture reminders) and the sender's prompts to message the other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyMessageSent(MessageSent m) {
        UUID[] p = pair(m.senderId(), m.recipientId());
        em.createNativeQuery("UPDATE connection SET last_message_at = GREATEST(COALESCE(last_message_at, ?3), ?3) "
                        + "WHERE member_a = ?1 AND member_b = ?2")
                .setParameter(1, p[0]).setParameter(2, p[1]).setParameter(3, ts(m.sentAt())).executeUpdate();
        notifications.messageSent(m.senderId(), m.recipientId(), m.sentAt());
    }

    private ConversationEntity conversation(UUID me, UUID other, Instant now) {
        UUID[] p = pair(me, other);
        UUID id = conversationId(me, other);
        if (em.createNativeQuery("INSERT INTO conversation (conversation_id, member_a, member_b, created_at, last_message_at, version) "
                        + "VALUES (?1, ?2, ?3, ?4, ?4, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, id).setParameter(2, p[0]).setParameter(3, p[1]).setParameter(4, ts(now))
                .executeUpdate() == 1) {
            for (UUID m : p) {
                em.createNativeQuery("INSERT INTO conversation_member (conversation_id, member_id, other_member, unread, last_message_at) "
                                + "VALUES (?1, ?2, ?3, 0, ?4)")
                        .setParameter(1, id).setParameter(2, m).setParameter(3, m.equals(p[0]) ? p[1] : p[0])
                        .setParameter(4, ts(now)).executeUpdate();
            }
        }
        return em.find(ConversationEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The pair's conversation id (the same whoever writes first). */
    public static UUID conversationId(UUID a, UUID b) {
        return UUID.nameUUIDFromBytes(("conversation|" + MemberPair.key(a, b)).getBytes(StandardCharsets.UTF_8));
    }

    // ---- reading

    /** A conversation as one member sees it. */
    public record ConversationRow(ConversationMemberEntity side, MessageEntity last, MessagingPolicy.PairFacts facts) {
    }

    public record Conversations(List<ConversationRow> items, Map<UUID, People.Person> members, long total) {
    }

    @Transactional
    public Conversations conversations(UUID member, int page, int size) {
        var q = ConversationMemberEntity.<ConversationMemberEntity>find("memberId = ?1",
                Sort.descending("lastMessageAt").and("conversationId"), member);
        List<ConversationRow> rows = new ArrayList<>();
        for (ConversationMemberEntity side : Paging.range(q, page, size).list()) {
            MessageEntity last = MessageEntity.<MessageEntity>find("conversationId = ?1",
                    Sort.descending("seq"), side.conversationId).firstResult();
            rows.add(new ConversationRow(side, last, facts(member, side.otherMember)));
        }
        return new Conversations(rows, People.as(em, member, rows.stream().map(r -> r.side().otherMember).toList()),
                q.count());
    }

    public record Messages(ConversationRow conversation, List<MessageEntity> items, Map<UUID, People.Person> members,
                           long total) {
    }

    /** A page of the conversation's messages, newest first; 404 unless the member is in it. */
    @Transactional
    public Messages messages(UUID member, UUID conversationId, int page, int size) {
        ConversationMemberEntity side = side(member, conversationId);
        var q = MessageEntity.<MessageEntity>find("conversationId = ?1", Sort.descending("seq"), conversationId);
        List<MessageEntity> items = Paging.range(q, page, size).list();
        MessageEntity last = page == 0 && !items.isEmpty() ? items.get(0)
                : MessageEntity.<MessageEntity>find("conversationId = ?1", Sort.descending("seq"), conversationId).firstResult();
        return new Messages(new ConversationRow(side, last, facts(member, side.otherMember)), items,
                People.as(em, member, List.of(member, side.otherMember)), q.count());
    }

    /** The member read the conversation: its unread count is 0. */
    @Transactional
    public void markRead(UUID member, UUID conversationId) {
        ConversationMemberEntity side = side(member, conversationId);
        if (side.unread > 0) {
            side.unread = 0;
            broadcaster.changed(member);
        }
    }

    private static ConversationMemberEntity side(UUID member, UUID conversationId) {
        ConversationMemberEntity side = ConversationMemberEntity.findById(
                new ConversationMemberEntity.Key(conversationId, member));
        if (side == null) {
            throw DomainException.notFound("conversation-not-found", "no conversation " + conversationId);
        }
        return side;
    }

    // ---- templates

    /**
     * The template filled for a message from {@code me} to {@code to}; 404 member-not-found for a member this service
     * does not know; 400 naming unfilled placeholders. The recipient's name and company are filled as {@code me} may
     * see them (NameVisibility: a NAME_INITIAL member who is not my connection is "Olivia T." with no company).
     */
    @Transactional
    public String render(UUID me, String templateId, UUID to) {
        if (to == null) {
            throw DomainException.invalid("to", "the recipient's member id is required");
        }
        MessageTemplates.get(templateId);
        requireKnown(to);
        MemberEntity mine = MemberEntity.findById(me);
        People.Person theirs = People.as(em, me, to);
        Map<String, String> values = MessageTemplates.values(theirs.firstName(), theirs.lastName(), theirs.company(),
                mine == null ? null : mine.firstName, mine == null ? null : mine.lastName,
                mine == null ? null : mine.company);
        return MessageTemplates.render(templateId, values);
    }

    /** The member as this service knows them (ProfileCreated); 404 member-not-found otherwise. */
    static MemberEntity requireKnown(UUID member) {
        MemberEntity m = MemberEntity.findById(member);
        if (m == null) {
            throw DomainException.notFound("member-not-found", "no member " + member);
        }
        return m;
    }

    static UUID[] pair(UUID x, UUID y) {
        return x.compareTo(y) <= 0 ? new UUID[]{x, y} : new UUID[]{y, x};
    }

    static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
