package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member changed who may see what. {@code connectionsVisibility}: EVERYONE or ONLY_ME (mutual connections stay visible); {@code profileVisibility} for out-of-network viewers: FULL or NAME_INITIAL; {@code findableByEmail}: whether contacts import may reveal the member. Key: memberId. */
public record PrivacySettingsChanged(UUID memberId, String connectionsVisibility, String profileVisibility, boolean findableByEmail, Instant changedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return memberId.toString();
    }
}
