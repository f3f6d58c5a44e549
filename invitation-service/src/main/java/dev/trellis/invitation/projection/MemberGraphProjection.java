package dev.trellis.invitation.projection;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.invitation.application.InvitationService;
import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.platform.inbox.Dispatch;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What invitation rules need to know of other services: who exists, their names and how their name may be shown
 * (profile events: ProfileCreated, ProfileUpdated, PrivacySettingsChanged), who is connected and who blocked whom
 * (connection events).
 */
@ApplicationScoped
public class MemberGraphProjection {
    private final Inbox inbox;
    private final InvitationQueries queries;
    private final InvitationService invitations;

    public MemberGraphProjection(Inbox inbox, InvitationQueries queries, InvitationService invitations) {
        this.inbox = inbox;
        this.queries = queries;
        this.invitations = invitations;
    }

    @Incoming("profile-events")
    @Blocking
    public void onProfile(ConsumerRecords<String, String> records) {
        // only what names and visibility need, and account closures (their open invitations are withdrawn, the member
        // forgotten): the other profile events (follows, skills, groups) are skipped unread
        inbox.processBatch("invitation-profiles", Batches.list(records), Dispatch.of()
                .on(ProfileCreated.class, p -> queries.upsertMember(p.memberId(), p.firstName(), p.lastName(), p.headline()))
                .on(ProfileUpdated.class, u -> queries.updateMember(u.memberId(), u.firstName(), u.lastName(), u.headline()))
                .on(PrivacySettingsChanged.class, c -> queries.profileVisibility(c.memberId(), c.profileVisibility()))
                .on(AccountClosed.class, invitations::onAccountClosed));
    }

    @Incoming("connection-events")
    @Blocking
    public void onConnection(ConsumerRecords<String, String> records) {
        inbox.processBatch("invitation-connections", Batches.list(records), (event, envelope) -> {
            if (event instanceof ConnectionMade m) {
                queries.connect(m.memberA(), m.memberB());
            } else if (event instanceof ConnectionRemoved r) {
                queries.disconnect(r.memberA(), r.memberB());
            } else if (event instanceof MemberBlocked b) {
                queries.block(b.blockerId(), b.blockedId());
            } else if (event instanceof MemberUnblocked u) {
                queries.unblock(u.blockerId(), u.blockedId());
            }
        });
    }
}
