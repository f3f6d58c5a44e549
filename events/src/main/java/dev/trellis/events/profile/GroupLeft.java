package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member left a group. Key: groupId. */
public record GroupLeft(UUID groupId, UUID memberId, Instant leftAt) implements TrellisEvent {
    @Override
    public String subject() {
        return groupId.toString();
    }
}
