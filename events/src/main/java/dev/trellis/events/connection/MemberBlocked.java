package dev.trellis.events.connection;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code blockerId} blocked {@code blockedId}: no invitations or messages either way, hidden from each other's
 * suggestions. Key: the member pair.
 */
public record MemberBlocked(UUID blockerId, UUID blockedId, Instant blockedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return MemberPair.key(blockerId, blockedId);
    }
}
