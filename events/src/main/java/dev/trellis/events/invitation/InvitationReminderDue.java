package dev.trellis.events.invitation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending invitation is still waiting for the recipient: remind them (reminder 1 after 7 days, 2 after 14,
 * never more). Key: invitationId.
 */
public record InvitationReminderDue(UUID invitationId, UUID fromMemberId, UUID toMemberId, int reminder,
                                    Instant dueAt) implements TrellisEvent {
    @Override
    public String subject() {
        return invitationId.toString();
    }
}
