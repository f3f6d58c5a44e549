package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member turned creator mode (influencer: Follow is the primary action on the profile) on or off. Key: memberId. */
public record CreatorModeChanged(UUID memberId, boolean enabled, Instant changedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return memberId.toString();
    }
}
