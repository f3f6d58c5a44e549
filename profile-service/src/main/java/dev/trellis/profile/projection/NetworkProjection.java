package dev.trellis.profile.projection;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.platform.inbox.Inbox;
import dev.trellis.profile.application.FollowService;
import dev.trellis.profile.store.ProfileQueries;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What profile-service keeps of other services' events: 1st-degree connections (degree in search, contacts
 * import, privacy; network health) and invitations (pending marks, acceptance rate). A new connection also
 * makes the two members follow each other (ConnectionMade is emitted once per connection, and never for a
 * pair that a block keeps apart, so it is the right trigger rather than InvitationAccepted); a ConnectionMade for a
 * pair the projection already has connected (a repeat under another event id) follows nobody again. A block
 * (MemberBlocked) ends the follows both ways and keeps both from following the other until MemberUnblocked.
 */
@ApplicationScoped
public class NetworkProjection {
    private final Inbox inbox;
    private final ProfileQueries queries;
    private final FollowService follows;

    public NetworkProjection(Inbox inbox, ProfileQueries queries, FollowService follows) {
        this.inbox = inbox;
        this.queries = queries;
        this.follows = follows;
    }

    @Incoming("connection-events")
    @Blocking
    public void onConnection(ConsumerRecords<String, String> records) {
        inbox.processBatch("profile-connections", Batches.list(records), (event, envelope) -> {
            if (event instanceof ConnectionMade m) {
                if (queries.connect(m.memberA(), m.memberB(), m.connectedAt())) {
                    follows.followEachOther(m.memberA(), m.memberB(), m.connectedAt());
                }
            } else if (event instanceof ConnectionRemoved r) {
                queries.disconnect(r.memberA(), r.memberB());
            } else if (event instanceof MemberBlocked b) {
                follows.blocked(b.blockerId(), b.blockedId(), b.blockedAt());
            } else if (event instanceof MemberUnblocked u) {
                follows.unblocked(u.blockerId(), u.blockedId());
            }
        });
    }

    @Incoming("invitation-events")
    @Blocking
    public void onInvitation(ConsumerRecords<String, String> records) {
        inbox.processBatch("profile-invitations", Batches.list(records), (event, envelope) -> {
            if (event instanceof InvitationSent s) {
                queries.invitationSent(s.invitationId(), s.fromMemberId(), s.toMemberId(), s.sentAt());
            } else if (event instanceof InvitationAccepted a) {
                queries.invitationAnswered(a.invitationId(), a.fromMemberId(), a.toMemberId(), "ACCEPTED", a.mutual(), a.acceptedAt());
            } else if (event instanceof InvitationIgnored i) {
                queries.invitationAnswered(i.invitationId(), i.fromMemberId(), i.toMemberId(), "IGNORED", false, i.ignoredAt());
            } else if (event instanceof InvitationDeclinedAsUnknown d) {
                queries.invitationAnswered(d.invitationId(), d.fromMemberId(), d.toMemberId(), "DECLINED_AS_UNKNOWN", false, d.declinedAt());
            } else if (event instanceof InvitationWithdrawn w) {
                queries.invitationAnswered(w.invitationId(), w.fromMemberId(), w.toMemberId(), "WITHDRAWN", false, w.withdrawnAt());
            } else if (event instanceof InvitationExpired x) {
                queries.invitationAnswered(x.invitationId(), x.fromMemberId(), x.toMemberId(), "EXPIRED", false, x.expiredAt());
            }
        });
    }
}
