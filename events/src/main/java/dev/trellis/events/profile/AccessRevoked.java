package dev.trellis.events.profile;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sessions of a member were ended: by log-out (one session), a password change or a reused refresh token (every
 * session of the member). Every service refuses, from the moment it reads this event, each access token whose
 * {@code sid} claim is one of {@code sessionIds}. Access tokens live minutes, so consumers only need the events of
 * the last token lifetime. Key: memberId.
 */
public record AccessRevoked(UUID memberId, List<UUID> sessionIds, Instant revokedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return memberId.toString();
    }
}
