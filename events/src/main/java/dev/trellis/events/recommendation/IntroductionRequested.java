package dev.trellis.events.recommendation;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** {@code requesterId} asked a mutual connection, {@code introducerId}, to introduce them to the 2nd-degree member {@code targetId}. Key: introductionId. */
public record IntroductionRequested(UUID introductionId, UUID requesterId, UUID introducerId, UUID targetId, @Personal(of = {"requesterId", "introducerId", "targetId"}) String note, Instant requestedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return introductionId.toString();
    }
}
