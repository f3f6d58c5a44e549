package dev.trellis.events.invitation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * The recipient accepted: the two members are now connected. Key: invitationId.
 *
 * @param mutual true when the recipient did not click "accept" but invited the sender back: the pending
 *               invitation was accepted instead of sending a second one
 */
public record InvitationAccepted(UUID invitationId, UUID fromMemberId, UUID toMemberId, Instant acceptedAt,
                                 boolean mutual) implements TrellisEvent {
    @Override
    public String subject() {
        return invitationId.toString();
    }
}
