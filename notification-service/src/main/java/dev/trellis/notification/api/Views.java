package dev.trellis.notification.api;

import dev.trellis.notification.application.MessagingService;
import dev.trellis.notification.domain.Badges;
import dev.trellis.notification.domain.MessagingPolicy;
import dev.trellis.notification.application.People.Person;
import dev.trellis.notification.domain.NotificationKind;
import dev.trellis.notification.domain.PromptKind;
import dev.trellis.notification.domain.Texts;
import dev.trellis.notification.store.MessageEntity;
import dev.trellis.notification.store.NotificationEntity;
import dev.trellis.notification.store.PromptEntity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The JSON shapes of notification-service. Texts are rendered here, at read time, from current names. */
public final class Views {

    /** The counts on the member's tabs; {@code asOf}: pass it back to "seen" to clear exactly what was counted. */
    public record BadgesView(long myNetwork, long messages, long notifications, long asOf) {
        static BadgesView of(Badges b) {
            return new BadgesView(b.myNetwork(), b.messages(), b.notifications(), b.asOf());
        }
    }

    /**
     * The member a notification is about, as the reader may see them ({@code NameVisibility}): "A member" while
     * their profile is not known here; a NAME_INITIAL member who is not the reader's connection as "Olivia T."
     * without headline; a member who closed their account as "Deleted member" with {@code deleted} true.
     */
    public record ActorView(UUID memberId, String name, String headline, boolean deleted) {
        static ActorView of(UUID memberId, Person p) {
            return p == null ? new ActorView(memberId, Texts.UNKNOWN_MEMBER, null, false)
                    : new ActorView(memberId, p.name(), p.headline(), p.deleted());
        }
    }

    /**
     * One notification. {@code relationship} (colleague, classmate, client-partner, industry-contact,
     * friend-family, other) and {@code context} (the company or school): how the sender knows the recipient, on
     * INVITATION_RECEIVED, null if not said; {@code reminder}: 1, 2, ... on INVITATION_REMINDER, null otherwise.
     */
    public record NotificationView(UUID notificationId, String kind, String category, ActorView actor, String text,
                                   String note, String relationship, String context, Integer reminder,
                                   UUID invitationId, UUID recommendationId, UUID introductionId, ActorView subject,
                                   String detail, boolean read, Instant createdAt) {
        static NotificationView of(NotificationEntity n, Map<UUID, Person> members) {
            ActorView actor = ActorView.of(n.actor, n.actor == null ? null : members.get(n.actor));
            ActorView subject = n.subjectMember == null ? null : ActorView.of(n.subjectMember, members.get(n.subjectMember));
            return new NotificationView(n.notificationId, n.kind, n.category, actor,
                    Texts.notification(NotificationKind.valueOf(n.kind), actor.name(),
                            subject == null ? null : subject.name(), n.detail, n.note), n.note, n.relationship,
                    n.context, n.reminder, n.invitationId, n.recommendationId, n.introductionId, subject, n.detail,
                    n.read, n.createdAt);
        }
    }

    /**
     * A pending prompt. {@code message}: the pre-filled text (a message to send for WELCOME_MESSAGE and FOLLOW_UP,
     * through POST /prompts/{id}/send; for RECIPROCATE, the suggestion to write a recommendation in return).
     */
    public record PromptView(UUID promptId, String kind, UUID otherMemberId, String otherMemberName, String message,
                             UUID invitationId, UUID recommendationId, Instant createdAt, Instant expiresAt) {
        static PromptView of(PromptEntity p, Map<UUID, Person> members) {
            Person other = members.get(p.otherMember);
            String name = other == null ? Texts.UNKNOWN_MEMBER : other.name();
            String message = Texts.prompt(PromptKind.valueOf(p.kind), other == null ? null : other.firstName());
            return new PromptView(p.promptId, p.kind, p.otherMember, name, message, p.invitationId, p.recommendationId,
                    p.createdAt, p.expiresAt);
        }
    }

    /**
     * One message. {@code deleted}: its sender closed their account, so its text was erased ({@code text} and
     * {@code clientMessageId} null).
     */
    public record MessageView(UUID messageId, UUID conversationId, UUID senderId, UUID recipientId, String text,
                              String clientMessageId, Instant sentAt, boolean deleted) {
        static MessageView of(MessageEntity m) {
            return new MessageView(m.messageId, m.conversationId, m.sender, m.recipient, m.text, m.clientMessageId,
                    m.sentAt, m.text == null);
        }
    }

    /**
     * A conversation as one member sees it: the other member, the unread count, the last message, and whether
     * a new message can be sent ({@code open}; {@code closedReason}: null while open, else always
     * {@code not-possible}, whatever the cause: never connected, removed, blocked).
     */
    public record ConversationView(UUID conversationId, ActorView other, int unread, MessageView lastMessage,
                                   boolean open, String closedReason, Instant lastMessageAt) {
        static ConversationView of(MessagingService.ConversationRow r, Map<UUID, Person> members) {
            String reason = MessagingPolicy.closedReason(r.facts());
            return new ConversationView(r.side().conversationId,
                    ActorView.of(r.side().otherMember, members.get(r.side().otherMember)), r.side().unread,
                    r.last() == null ? null : MessageView.of(r.last()), reason == null, reason, r.side().lastMessageAt);
        }
    }

    private Views() {
    }
}
