package dev.trellis.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** A change to members' notifications and prompts decided by {@link NotificationRules}. */
public sealed interface Effect {

    /**
     * A new notification for {@code recipient}. {@code handled}: already seen and read (an invitation answered
     * before its InvitationSent arrived here). {@code relationship} and {@code context}: how the sender knows the
     * recipient, on INVITATION_RECEIVED (null if not said). {@code reminder}: the reminder's number on
     * INVITATION_REMINDER (null otherwise); there is one notification per recipient, kind, invitation or
     * recommendation, and reminder number.
     */
    record Notify(UUID recipient, NotificationKind kind, UUID actor, String note, UUID invitationId,
                  UUID recommendationId, Instant at, boolean handled, String relationship, String context,
                  Integer reminder) implements Effect {

        /** A notification without relationship, context nor reminder number. */
        public Notify(UUID recipient, NotificationKind kind, UUID actor, String note, UUID invitationId,
                      UUID recommendationId, Instant at, boolean handled) {
            this(recipient, kind, actor, note, invitationId, recommendationId, at, handled, null, null, null);
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

    /** A prompt for {@code member} about {@code otherMember}, pending until dismissed or {@code expiresAt}. */
    record OfferPrompt(UUID member, PromptKind kind, UUID otherMember, UUID invitationId, Instant createdAt,
                       Instant expiresAt) implements Effect {
    }
}
