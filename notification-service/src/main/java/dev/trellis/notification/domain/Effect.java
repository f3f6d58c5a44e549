package dev.trellis.notification.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A change to members' notifications and prompts decided by {@link NotificationRules} and {@link ActivityRules}. */
public sealed interface Effect {

    /**
     * A new notification for {@code recipient}. {@code handled}: already seen and read (an invitation answered
     * before its InvitationSent arrived here). {@code relationship} and {@code context}: how the sender knows the
     * recipient, on INVITATION_RECEIVED (null if not said). {@code reminder}: the reminder's number on
     * INVITATION_REMINDER (null otherwise). {@code subjectMember}: a third member it is about (the other side of
     * an introduction); {@code detail}: e.g. the endorsed skill. {@code key}: what makes it unique among the
     * recipient's notifications of this kind (null: the invitation or recommendation and the reminder number);
     * there is one notification per recipient, kind and key, whatever the redeliveries.
     */
    record Notify(UUID recipient, NotificationKind kind, UUID actor, String note, UUID invitationId,
                  UUID recommendationId, Instant at, boolean handled, String relationship, String context,
                  Integer reminder, UUID introductionId, UUID subjectMember, String detail, String key)
            implements Effect {

        /** A notification without relationship, context nor reminder number. */
        public Notify(UUID recipient, NotificationKind kind, UUID actor, String note, UUID invitationId,
                      UUID recommendationId, Instant at, boolean handled) {
            this(recipient, kind, actor, note, invitationId, recommendationId, at, handled, null, null, null);
        }

        /** An invitation or recommendation notification. */
        public Notify(UUID recipient, NotificationKind kind, UUID actor, String note, UUID invitationId,
                      UUID recommendationId, Instant at, boolean handled, String relationship, String context,
                      Integer reminder) {
            this(recipient, kind, actor, note, invitationId, recommendationId, at, handled, relationship, context,
                    reminder, null, null, null, null);
        }

        /** The key that makes it unique for its recipient and kind. */
        public String naturalKey() {
            if (key != null) {
                return key;
            }
            return invitationId != null ? "invitation:" + invitationId + (reminder == null ? "" : ":" + reminder)
                    : "recommendation:" + recommendationId;
        }

        /** The notification's id, the same each time the same notification is decided (replays, redeliveries). */
        public UUID notificationId() {
            return UUID.nameUUIDFromBytes((recipient + "|" + kind + "|" + naturalKey()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The recipient's notifications asking for an answer to the invitation ({@link NotificationKind#AWAITING_ANSWER})
     * become seen and read: it was answered.
     */
    record MarkHandled(UUID recipient, UUID invitationId) implements Effect {
    }

    /**
     * The recipient's notifications asking for an answer to the invitation ({@link NotificationKind#AWAITING_ANSWER})
     * disappear: it was withdrawn or expired.
     */
    record Remove(UUID recipient, UUID invitationId) implements Effect {
    }

    /** The member's notifications of these kinds about the recommendation disappear (it was withdrawn). */
    record RemoveAboutRecommendation(UUID member, UUID recommendationId, List<NotificationKind> kinds) implements Effect {
    }

    /**
     * The member's notifications of these kinds about the recommendation or the introduction (one of the two
     * ids is set) become seen and read: the member did what they asked (wrote it, answered the request).
     */
    record MarkDone(UUID member, List<NotificationKind> kinds, UUID recommendationId, UUID introductionId)
            implements Effect {
    }

    /** The member's pending prompts about the recommendation disappear (it was withdrawn). */
    record DropRecommendationPrompts(UUID member, UUID recommendationId) implements Effect {
    }

    /**
     * A prompt for {@code member} about {@code otherMember}, pending until dismissed, done or {@code expiresAt}.
     * It is about an invitation (welcome, follow up) or a recommendation (reciprocate).
     */
    record OfferPrompt(UUID member, PromptKind kind, UUID otherMember, UUID invitationId, UUID recommendationId,
                       Instant createdAt, Instant expiresAt) implements Effect {

        public OfferPrompt(UUID member, PromptKind kind, UUID otherMember, UUID invitationId, Instant createdAt,
                           Instant expiresAt) {
            this(member, kind, otherMember, invitationId, null, createdAt, expiresAt);
        }
    }
}
