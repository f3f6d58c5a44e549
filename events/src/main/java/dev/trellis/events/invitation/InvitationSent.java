package dev.trellis.events.invitation;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A member invited another to connect. Key: invitationId.
 *
 * @param note         the personal note, trimmed, at most 300 characters; null when there is none
 * @param relationship how the two know each other: colleague, classmate, client-partner, industry-contact,
 *                     friend-family, other; null if not said
 * @param context      the company or school the relationship refers to; null if not said
 * @param templateId   the built-in note template the note was rendered from, if any
 * @param expiresAt    when the invitation expires if nobody answers it
 */
public record InvitationSent(UUID invitationId, UUID fromMemberId, UUID toMemberId, @Personal(of = {"fromMemberId", "toMemberId"}) String note,
                             @Personal(of = {"fromMemberId", "toMemberId"}) String relationship, @Personal(of = {"fromMemberId", "toMemberId"}) String context, String templateId, Instant sentAt,
                             Instant expiresAt) implements TrellisEvent {
    @Override
    public String subject() {
        return invitationId.toString();
    }
}
