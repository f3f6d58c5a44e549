package dev.trellis.events.invitation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member invited another to connect. Key: invitationId. {@code note} may be null (no note). */
public record InvitationSent(UUID invitationId, UUID fromMemberId, UUID toMemberId, String note, Instant sentAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return invitationId.toString();
    }
}
