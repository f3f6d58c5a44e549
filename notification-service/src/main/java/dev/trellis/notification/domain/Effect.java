package dev.trellis.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** A change to members' notifications and prompts decided by {@link NotificationRules}. */
public sealed interface Effect {

    /**
     * A new notification for {@code recipient}. {@code handled}: already seen and read (an invitation answered
     * before its InvitationSent arrived here).
     */
    record Notify(UUID recipient, NotificationKind kind, UUID actor, String note, UUID invitationId,
                  UUID recommendationId, Instant at, boolean handled) implements Effect {
    }

    /** The recipient's INVITATION_RECEIVED notification becomes seen and read: the invitation was answered. */
    record MarkHandled(UUID recipient, UUID invitationId) implements Effect {
    }

    /** The recipient's INVITATION_RECEIVED notification disappears: the invitation was withdrawn. */
    record Remove(UUID recipient, UUID invitationId) implements Effect {
    }

    /** A prompt for {@code member} about {@code otherMember}, pending until dismissed or {@code expiresAt}. */
    record OfferPrompt(UUID member, PromptKind kind, UUID otherMember, UUID invitationId, Instant createdAt,
                       Instant expiresAt) implements Effect {
    }
}
