package dev.trellis.events.recommendation;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** An endorsement was withdrawn ({@code reason}: CONNECTION_REMOVED, ENDORSER, SKILL_REMOVED). Key: endorsementId. */
public record EndorsementWithdrawn(UUID endorsementId, UUID endorserId, UUID memberId, String skill, @Personal(of = {"endorserId", "memberId"}) String reason, Instant withdrawnAt) implements TrellisEvent {
    @Override
    public String subject() {
        return endorsementId.toString();
    }
}
