package dev.trellis.connection.application;

import dev.trellis.connection.domain.PairRelation;
import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.events.TrellisEvent;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.eventstore.ConflictRetry;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Use cases on a member pair: load its stream, decide, append, update the graph tables — one transaction. A
 * member's action on another member this service does not know (no ProfileCreated) is 404 member-not-found.
 */
@ApplicationScoped
public class PairService {
    private final EventStore store;
    private final GraphRepository graph;
    private final Clock clock;
    private final GraphIndexStore index;

    public PairService(EventStore store, GraphRepository graph, Clock clock, GraphIndexStore index) {
        this.store = store;
        this.graph = graph;
        this.clock = clock;
        this.index = index;
    }

    /**
     * From the invitation consumer, inside its transaction; {@code eitherClosed}: one of the two closed their
     * account (then nothing connects them).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onInvitationAccepted(InvitationAccepted accepted, boolean eitherClosed) {
        decide(accepted.fromMemberId(), accepted.toMemberId(), pair -> pair.onInvitationAccepted(accepted, eitherClosed));
    }

    /**
     * From the profile consumer, inside its transaction: the member closed their account, so each of their pairs
     * decides what goes (every connection, as removed by them; every block either way), through the same path as a
     * member's own removal (events on the pair's stream and topic, tables, index after the commit). A second
     * closure finds nothing left.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onAccountClosed(AccountClosed closed) {
        UUID member = closed.memberId();
        for (UUID other : graph.relatedTo(member)) {
            decide(member, other, pair -> pair.onAccountClosed(member, other, closed.closedAt()));
        }
    }

    public void remove(UUID actor, UUID other) {
        ConflictRetry.inNewTransaction(() -> {
            graph.requireKnown(other);
            return decide(actor, other, pair -> pair.remove(actor, other, clock.now()));
        });
    }

    public void block(UUID actor, UUID other) {
        ConflictRetry.inNewTransaction(() -> {
            graph.requireKnown(other);
            return decide(actor, other, pair -> pair.block(actor, other, clock.now()));
        });
    }

    public void unblock(UUID actor, UUID other) {
        ConflictRetry.inNewTransaction(() -> {
            graph.requireKnown(other);
            return decide(actor, other, pair -> pair.unblock(actor, other, clock.now()));
        });
    }

    private List<TrellisEvent> decide(UUID a, UUID b, Function<PairRelation, List<TrellisEvent>> decision) {
        EventStream stream = store.load(PairRelation.streamId(a, b));
        List<TrellisEvent> events = decision.apply(PairRelation.from(stream.events()));
        store.append(stream.streamId(), stream.version(), events);
        long version = stream.version();
        for (TrellisEvent e : events) {
            version++; // this event's version in the pair's stream: the index applies the pair's changes in this order
            if (e instanceof ConnectionMade made) {
                graph.connect(made.memberA(), made.memberB(), made.connectedAt(), made.invitationId());
                index.connectAfterCommit(made.memberA(), made.memberB(), version);
            } else if (e instanceof ConnectionRemoved removed) {
                graph.disconnect(removed.memberA(), removed.memberB());
                index.disconnectAfterCommit(removed.memberA(), removed.memberB(), version);
            } else if (e instanceof MemberBlocked blocked) {
                graph.block(blocked.blockerId(), blocked.blockedId(), blocked.blockedAt());
            } else if (e instanceof MemberUnblocked unblocked) {
                graph.unblock(unblocked.blockerId(), unblocked.blockedId());
            }
        }
        return events;
    }
}
