package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member signed up. Key: memberId. The e-mail address is private and never published. */
public record ProfileCreated(UUID memberId, String firstName, String lastName, String headline, Instant createdAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return memberId.toString();
    }
}
