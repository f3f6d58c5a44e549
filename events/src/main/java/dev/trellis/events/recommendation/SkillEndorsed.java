package dev.trellis.events.recommendation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** {@code endorserId}, a 1st-degree connection, endorsed {@code skill} on {@code memberId}'s profile. One per skill per endorser. Key: endorsementId. */
public record SkillEndorsed(UUID endorsementId, UUID endorserId, UUID memberId, String skill, Instant endorsedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return endorsementId.toString();
    }
}
