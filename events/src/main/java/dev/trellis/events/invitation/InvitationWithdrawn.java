package dev.trellis.events.invitation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The sender withdrew a pending invitation: the recipient's copy disappears. Key: invitationId. */
public record InvitationWithdrawn(UUID invitationId, UUID fromMemberId, UUID toMemberId, Instant withdrawnAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return invitationId.toString();
    }
}
