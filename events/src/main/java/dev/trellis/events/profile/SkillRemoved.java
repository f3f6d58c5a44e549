package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A skill was removed from a member's profile. Key: memberId. */
public record SkillRemoved(UUID memberId, String skill, Instant removedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return memberId.toString();
    }
}
