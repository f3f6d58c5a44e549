package dev.trellis.invitation.projection;

import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Forwarded introductions (recommendation events): when the requester then invites the target, the invitation
 * carries the introduction as its context.
 */
@ApplicationScoped
public class IntroductionProjection {
    private final Inbox inbox;
    private final InvitationQueries queries;

    public IntroductionProjection(Inbox inbox, InvitationQueries queries) {
        this.inbox = inbox;
        this.queries = queries;
    }

    @Incoming("recommendation-events")
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        inbox.processBatch("invitation-introductions", Batches.list(records), (event, envelope) -> {
            if (event instanceof IntroductionForwarded f) {
                queries.recordIntroduction(f.introductionId(), f.requesterId(), f.introducerId(), f.targetId(), f.note(),
                        f.forwardedAt());
            }
        });
    }
}
