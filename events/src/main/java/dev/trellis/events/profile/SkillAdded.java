package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A skill was added to a member's profile (at most 50). Key: memberId. */
public record SkillAdded(UUID memberId, String skill, Instant addedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return memberId.toString();
    }
}
