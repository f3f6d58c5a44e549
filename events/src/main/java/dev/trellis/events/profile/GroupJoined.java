package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member joined a group. Shared groups feed PYMK and "how you are connected". Key: groupId. */
public record GroupJoined(UUID groupId, UUID memberId, Instant joinedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return groupId.toString();
    }
}
