package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.connection.MemberPair;

import java.time.Instant;
import java.util.UUID;

/** {@code followerId} stopped following {@code followeeId}; a connection, if any, stays. Key: the member pair. */
public record MemberUnfollowed(UUID followerId, UUID followeeId, Instant unfollowedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return MemberPair.key(followerId, followeeId);
    }
}
