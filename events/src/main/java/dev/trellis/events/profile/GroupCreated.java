package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member created a group (and is its first member; a GroupJoined follows). Key: groupId. */
public record GroupCreated(UUID groupId, String name, String description, UUID ownerId, Instant createdAt) implements TrellisEvent {
    @Override
    public String subject() {
        return groupId.toString();
    }
}
