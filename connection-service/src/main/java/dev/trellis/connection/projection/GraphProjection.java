package dev.trellis.connection.projection;

import dev.trellis.connection.application.PairService;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns accepted invitations into two-way connections (and publishes ConnectionMade, keyed by the pair) and
 * keeps member names from profile events. Table change, event append and processed-id record: one transaction.
 */
@ApplicationScoped
public class GraphProjection {
    private final Inbox inbox;
    private final GraphRepository graph;
    private final PairService pairs;

    public GraphProjection(Inbox inbox, GraphRepository graph, PairService pairs) {
        this.inbox = inbox;
        this.graph = graph;
        this.pairs = pairs;
    }

    @Incoming("invitation-events")
    @Blocking
    public void onInvitation(ConsumerRecord<String, String> record) {
        inbox.process("connection-invitations", record, (event, envelope) -> {
            if (event instanceof InvitationAccepted accepted) {
                pairs.onInvitationAccepted(accepted);
            }
        });
    }

    @Incoming("profile-events")
    @Blocking
    public void onProfile(ConsumerRecord<String, String> record) {
        inbox.process("connection-profiles", record, (event, envelope) -> {
            if (event instanceof ProfileCreated p) {
                graph.upsertMember(p.memberId(), p.firstName(), p.lastName(), p.headline());
            }
        });
    }
}
