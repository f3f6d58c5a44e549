package dev.trellis.events.invitation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The recipient ignored the invitation. The sender is never told: consumers must not notify them. Key: invitationId. */
public record InvitationIgnored(UUID invitationId, UUID fromMemberId, UUID toMemberId, Instant ignoredAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return invitationId.toString();
    }
}
