package dev.trellis.events.invitation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The recipient accepted: the two members are now connected. Key: invitationId. */
public record InvitationAccepted(UUID invitationId, UUID fromMemberId, UUID toMemberId, Instant acceptedAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return invitationId.toString();
    }
}
