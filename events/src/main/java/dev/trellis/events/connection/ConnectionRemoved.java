package dev.trellis.events.connection;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A connection was removed (by either member, or because one blocked the other). The other member is not
 * notified; recommendations and endorsements between the two are withdrawn. Key: the member pair.
 */
public record ConnectionRemoved(UUID memberA, UUID memberB, UUID removedBy, Instant removedAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return MemberPair.key(memberA, memberB);
    }
}
