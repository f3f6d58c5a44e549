package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.connection.MemberPair;

import java.time.Instant;
import java.util.UUID;

/** {@code followerId} now follows {@code followeeId} (without connecting, or by default on connecting). Key: the member pair. */
public record MemberFollowed(UUID followerId, UUID followeeId, Instant followedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return MemberPair.key(followerId, followeeId);
    }
}
