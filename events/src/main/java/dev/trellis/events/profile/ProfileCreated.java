package dev.trellis.events.profile;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member signed up. Key: memberId. The e-mail address is private and never published. */
public record ProfileCreated(UUID memberId, @Personal(of = "memberId", placeholder = "Deleted member") String firstName, @Personal(of = "memberId", placeholder = "") String lastName, @Personal(of = "memberId") String headline, Instant createdAt)
        implements TrellisEvent {
    @Override
    public String subject() {
        return memberId.toString();
    }
}
