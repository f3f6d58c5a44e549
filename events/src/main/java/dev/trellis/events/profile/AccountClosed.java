package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A member closed their account: every service forgets them. Each consumer deletes or anonymises what its read
 * models hold about the member and records the consequences others see (connections removed, pending invitations
 * withdrawn, recommendations and endorsements by or for them withdrawn, their messages shown as from a deleted
 * member). The member's encryption key is already deleted from the key vault when this event is published, so
 * every personal field of their earlier events, in every event store and on every topic, reads as a placeholder.
 * Idempotent for consumers: applying it twice changes nothing the second time. Key: memberId.
 */
public record AccountClosed(UUID memberId, Instant closedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return memberId.toString();
    }
}
