package dev.trellis.connection.projection;

import dev.trellis.connection.domain.ConnectionRules;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.events.TrellisEvent;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Turns accepted invitations into two-way connections (and publishes ConnectionMade, keyed by the pair) and
 * keeps member names from profile events. Table change, event append and processed-id record: one transaction.
 */
@ApplicationScoped
public class GraphProjection {
    private final Inbox inbox;
    private final GraphRepository graph;
    private final EventStore store;

    public GraphProjection(Inbox inbox, GraphRepository graph, EventStore store) {
        this.inbox = inbox;
        this.graph = graph;
        this.store = store;
    }

    @Incoming("invitation-events")
    @Blocking
    public void onInvitation(ConsumerRecord<String, String> record) {
        inbox.process("connection-invitations", record, (event, envelope) -> {
            if (event instanceof InvitationAccepted accepted) {
                boolean already = graph.connected(accepted.fromMemberId(), accepted.toMemberId());
                List<TrellisEvent> events = ConnectionRules.onInvitationAccepted(accepted, already);
                if (events.isEmpty()) {
                    return;
                }
                String stream = ConnectionRules.streamId(accepted.fromMemberId(), accepted.toMemberId());
                store.append(stream, store.load(stream).version(), events);
                for (TrellisEvent e : events) {
                    if (e instanceof ConnectionMade made) {
                        graph.connect(made.memberA(), made.memberB(), made.connectedAt(), made.invitationId());
                    }
                }
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
