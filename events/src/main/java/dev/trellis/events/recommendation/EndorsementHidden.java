package dev.trellis.events.recommendation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The endorsed member hid an endorsement. Key: endorsementId. */
public record EndorsementHidden(UUID endorsementId, UUID endorserId, UUID memberId, String skill, Instant hiddenAt) implements TrellisEvent {
    @Override
    public String subject() {
        return endorsementId.toString();
    }
}
