package dev.trellis.events.invitation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The recipient answered "I don't know this person". The sender is not told (consumers must not notify
 * them); the sender can never invite this recipient again, and it counts against the sender's standing.
 * Key: invitationId.
 */
public record InvitationDeclinedAsUnknown(UUID invitationId, UUID fromMemberId, UUID toMemberId, Instant declinedAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return invitationId.toString();
    }
}
