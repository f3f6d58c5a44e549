package dev.trellis.events.recommendation;

import dev.trellis.events.Personal;
import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** The introducer accepted and forwarded the requester's note to the target. An invitation from the requester to the target then carries this introduction as its context. Key: introductionId. */
public record IntroductionForwarded(UUID introductionId, UUID requesterId, UUID introducerId, UUID targetId, @Personal(of = {"requesterId", "introducerId", "targetId"}) String note, Instant forwardedAt) implements TrellisEvent {
    @Override
    public String subject() {
        return introductionId.toString();
    }
}
