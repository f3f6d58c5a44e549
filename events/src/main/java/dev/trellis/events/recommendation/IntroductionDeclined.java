package dev.trellis.events.recommendation;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The introducer declined to introduce. Key: introductionId. */
public record IntroductionDeclined(UUID introductionId, UUID requesterId, UUID introducerId, UUID targetId, Instant declinedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return introductionId.toString();
    }
}
