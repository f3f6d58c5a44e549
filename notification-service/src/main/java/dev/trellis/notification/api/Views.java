package dev.trellis.notification.api;

import dev.trellis.notification.domain.Badges;
import dev.trellis.notification.domain.NotificationKind;
import dev.trellis.notification.domain.PromptKind;
import dev.trellis.notification.domain.Texts;
import dev.trellis.notification.store.MemberEntity;
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

    /** The member a notification is about; {@code name} is "A member" while their profile is not known here. */
    public record ActorView(UUID memberId, String name, String headline) {
        static ActorView of(UUID memberId, MemberEntity m) {
            return m == null ? new ActorView(memberId, Texts.UNKNOWN_MEMBER, null)
                    : new ActorView(memberId, Texts.displayName(m.firstName, m.lastName), m.headline);
        }
    }

    /**
     * One notification. {@code relationship} (colleague, classmate, client-partner, industry-contact,
     * friend-family, other) and {@code context} (the company or school): how the sender knows the recipient, on
     * INVITATION_RECEIVED, null if not said; {@code reminder}: 1, 2, ... on INVITATION_REMINDER, null otherwise.
     */
    public record NotificationView(UUID notificationId, String kind, String category, ActorView actor, String text,
                                   String note, String relationship, String context, Integer reminder,
                                   UUID invitationId, UUID recommendationId, boolean read, Instant createdAt) {
        static NotificationView of(NotificationEntity n, Map<UUID, MemberEntity> members) {
            ActorView actor = ActorView.of(n.actor, n.actor == null ? null : members.get(n.actor));
            return new NotificationView(n.notificationId, n.kind, n.category, actor,
                    Texts.notification(NotificationKind.valueOf(n.kind), actor.name()), n.note, n.relationship,
                    n.context, n.reminder, n.invitationId, n.recommendationId, n.read, n.createdAt);
        }
    }

    public record PromptView(UUID promptId, String kind, UUID otherMemberId, String otherMemberName, String message,
                             Instant createdAt, Instant expiresAt) {
        static PromptView of(PromptEntity p, Map<UUID, MemberEntity> members) {
            MemberEntity other = members.get(p.otherMember);
            String name = other == null ? Texts.UNKNOWN_MEMBER : Texts.displayName(other.firstName, other.lastName);
            String message = Texts.prompt(PromptKind.valueOf(p.kind), other == null ? null : other.firstName);
            return new PromptView(p.promptId, p.kind, p.otherMember, name, message, p.createdAt, p.expiresAt);
        }
    }

    private Views() {
    }
}
