package dev.trellis.connection.projection;

import dev.trellis.connection.application.PairService;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.connection.store.NetworkFactsRepository;
import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.profile.GroupCreated;
import dev.trellis.events.profile.GroupJoined;
import dev.trellis.events.profile.GroupLeft;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.platform.inbox.Dispatch;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns accepted invitations into two-way connections (and publishes ConnectionMade, keyed by the pair), keeps
 * the invitations between members (pending ones stay out of suggestions; accepted ones give a connection its
 * context), and keeps from profile events what lists, suggestions and "how you are connected" need.
 * Table change, event append and processed-id record: one transaction.
 */
@ApplicationScoped
public class GraphProjection {
    private final Inbox inbox;
    private final GraphRepository graph;
    private final NetworkFactsRepository facts;
    private final PairService pairs;
    /**
     * The profile events this service keeps something of, as the live consumer applies them (an AccountClosed also
     * removes the member's connections and blocks by appending to their pairs' streams); the others (follows,
     * skills...) are skipped unread.
     */
    private final Dispatch profileEvents;
    /** The same, for the tables only (a rebuild: the pairs' events come from the connection topic). */
    private final Dispatch profileTables;

    public GraphProjection(Inbox inbox, GraphRepository graph, NetworkFactsRepository facts, PairService pairs) {
        this.inbox = inbox;
        this.graph = graph;
        this.facts = facts;
        this.pairs = pairs;
        this.profileEvents = profileDispatch(closed -> {
            pairs.onAccountClosed(closed);
            graph.forgetDismissals(closed.memberId());
            facts.forget(closed.memberId(), closed.closedAt());
        });
        this.profileTables = profileDispatch(closed -> facts.forget(closed.memberId(), closed.closedAt()));
    }

    private Dispatch profileDispatch(java.util.function.Consumer<AccountClosed> accountClosed) {
        return Dispatch.of()
                .on(ProfileCreated.class, p -> graph.upsertMember(p.memberId(), p.firstName(), p.lastName(), p.headline()))
                .on(ProfileUpdated.class, this::profileUpdated)
                .on(PrivacySettingsChanged.class, p -> facts.privacy(p.memberId(), p.connectionsVisibility(), p.profileVisibility()))
                .on(GroupCreated.class, g -> facts.group(g.groupId(), g.name()))
                .on(GroupJoined.class, g -> facts.joined(g.groupId(), g.memberId()))
                .on(GroupLeft.class, g -> facts.left(g.groupId(), g.memberId()))
                .on(AccountClosed.class, accountClosed);
    }

    @Incoming("invitation-events")
    @Blocking
    public void onInvitation(ConsumerRecords<String, String> records) {
        inbox.processBatch("connection-invitations", Batches.list(records), (event, envelope) -> {
            boolean recorded = applyInvitation(event);
            if (event instanceof InvitationAccepted accepted) {
                pairs.onInvitationAccepted(accepted, !recorded); // not recorded: one of the two closed their account
            }
        });
    }

    @Incoming("profile-events")
    @Blocking
    public void onProfile(ConsumerRecords<String, String> records) {
        inbox.processBatch("connection-profiles", Batches.list(records), profileEvents);
    }

    /**
     * An invitation event's effect on the invitation table (an acceptance also makes a connection, above).
     *
     * @return false when one of the two members closed their account, so nothing about them was kept
     */
    public boolean applyInvitation(TrellisEvent event) {
        if (event instanceof InvitationSent s) {
            facts.invitationSent(s.invitationId(), s.fromMemberId(), s.toMemberId(), s.relationship(), s.context());
        } else if (event instanceof InvitationAccepted a) {
            return facts.invitationState(a.invitationId(), a.fromMemberId(), a.toMemberId(), "ACCEPTED");
        } else if (event instanceof InvitationIgnored i) {
            facts.invitationState(i.invitationId(), i.fromMemberId(), i.toMemberId(), "IGNORED");
        } else if (event instanceof InvitationDeclinedAsUnknown d) {
            facts.invitationState(d.invitationId(), d.fromMemberId(), d.toMemberId(), "DECLINED");
        } else if (event instanceof InvitationWithdrawn w) {
            facts.invitationState(w.invitationId(), w.fromMemberId(), w.toMemberId(), "WITHDRAWN");
        } else if (event instanceof InvitationExpired x) {
            facts.invitationState(x.invitationId(), x.fromMemberId(), x.toMemberId(), "EXPIRED");
        }
        return true;
    }

    /**
     * A profile event's effect on the tables, for a rebuild (an AccountClosed forgets the member; the connections
     * and blocks its live handling removed come back from the connection topic as removed).
     */
    public void applyProfile(TrellisEvent event) {
        profileTables.handle(event, null);
    }

    private void profileUpdated(ProfileUpdated p) {
        List<NetworkFactsRepository.Org> orgs = new ArrayList<>();
        if (p.positions() != null) {
            p.positions().forEach(x -> orgs.add(new NetworkFactsRepository.Org("company", x.company(), x.toYear() == null)));
        }
        if (p.education() != null) {
            p.education().forEach(x -> orgs.add(new NetworkFactsRepository.Org("school", x.school(), x.toYear() == null)));
        }
        ProfileUpdated.Position now = currentPosition(p.positions());
        facts.profile(p.memberId(), p.firstName(), p.lastName(), p.headline(), p.city(), p.country(), p.industry(),
                now == null ? null : now.company(), now == null ? null : now.title(), orgs);
    }

    /** The current position (toYear null) begun last; of equals the first listed; null without one. */
    static ProfileUpdated.Position currentPosition(List<ProfileUpdated.Position> positions) {
        ProfileUpdated.Position best = null;
        for (ProfileUpdated.Position x : positions == null ? List.<ProfileUpdated.Position>of() : positions) {
            if (x != null && x.toYear() == null && (best == null || year(x.fromYear()) > year(best.fromYear()))) {
                best = x;
            }
        }
        return best;
    }

    private static int year(Integer y) {
        return y == null ? Integer.MIN_VALUE : y;
    }
}
