package dev.trellis.events.connection;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * Two members became 1st-degree connections. Key: the member pair ({@link MemberPair#key}), so a
 * pair's history stays in order. {@code invitationId} is the accepted invitation that made it.
 */
public record ConnectionMade(UUID memberA, UUID memberB, UUID invitationId, Instant connectedAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return MemberPair.key(memberA, memberB);
    }
}
