package dev.trellis.notification.domain;

import java.util.UUID;

/**
 * What this service knows of one invitation. {@code sentApplied}: whether its InvitationSent has arrived yet
 * (events of other topics, or a lagging partition, may bring its answer first). {@code note}: the sender's
 * personal note, once the InvitationSent arrived (null without a note), repeated in the reminders.
 */
public record InvitationState(UUID invitationId, UUID fromMember, UUID toMember, InvitationOutcome outcome,
                              boolean sentApplied, String note) {
}
