package dev.trellis.events.connection;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** {@code blockerId} lifted their block of {@code blockedId}. Key: the member pair. */
public record MemberUnblocked(UUID blockerId, UUID blockedId, Instant unblockedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return MemberPair.key(blockerId, blockedId);
    }
}
