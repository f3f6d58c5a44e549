package dev.trellis.events.invitation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** Nobody answered a pending invitation in time (6 months by default): it is gone for both. Key: invitationId. */
public record InvitationExpired(UUID invitationId, UUID fromMemberId, UUID toMemberId, Instant expiredAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return invitationId.toString();
    }
}
