package dev.trellis.notification.projection;

import dev.trellis.events.profile.AccessRevoked;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.notification.application.AccountClosure;
import dev.trellis.notification.application.BadgeBroadcaster;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.notification.application.NotificationService;
import dev.trellis.notification.domain.ActivityRules;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.platform.domain.NameVisibility;
import dev.trellis.platform.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps members' names, headlines, current company and profile visibility (PrivacySettingsChanged), with which
 * notifications, prompts, conversations and message templates are rendered when read; and tells a member who
 * started following them. A closed account erases the member ({@link AccountClosure}).
 */
@ApplicationScoped
public class ProfileProjection {
    private final Inbox inbox;
    private final NotificationService notifications;
    private final MessagingService messaging;
    private final BadgeBroadcaster broadcaster;
    private final AccountClosure closure;

    public ProfileProjection(Inbox inbox, NotificationService notifications, MessagingService messaging,
                             BadgeBroadcaster broadcaster, AccountClosure closure) {
        this.closure = closure;
        this.inbox = inbox;
        this.notifications = notifications;
        this.messaging = messaging;
        this.broadcaster = broadcaster;
    }

    @Incoming("profile-events")
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        inbox.processBatch("notification-profiles", Batches.list(records), (event, envelope) -> {
            if (event instanceof ProfileCreated p) {
                MemberEntity m = MemberEntity.findById(p.memberId());
                if (m == null) {
                    m = new MemberEntity();
                    m.memberId = p.memberId();
                    m.firstName = p.firstName();
                    m.lastName = p.lastName();
                    m.headline = p.headline();
                    m.persist();
                } else if (m.firstName == null || m.firstName.isEmpty()) {
                    // only the privacy settings had come first
                    m.firstName = p.firstName();
                    m.lastName = p.lastName();
                    m.headline = p.headline();
                }
            } else if (event instanceof PrivacySettingsChanged c) {
                MemberEntity m = MemberEntity.findById(c.memberId());
                if (m == null) {
                    m = new MemberEntity();
                    m.memberId = c.memberId();
                    m.firstName = "";
                    m.lastName = "";
                    m.profileVisibility = visibility(c.profileVisibility());
                    m.persist();
                } else {
                    m.profileVisibility = visibility(c.profileVisibility());
                }
            } else if (event instanceof ProfileUpdated u) {
                MemberEntity m = MemberEntity.findById(u.memberId());
                boolean isNew = m == null;
                if (isNew) {
                    m = new MemberEntity();
                    m.memberId = u.memberId();
                }
                m.firstName = u.firstName() != null ? u.firstName() : m.firstName != null ? m.firstName : "";
                m.lastName = u.lastName() != null ? u.lastName() : m.lastName != null ? m.lastName : "";
                m.headline = u.headline();
                m.company = u.positions() == null ? null : u.positions().stream()
                        .filter(x -> x.toYear() == null && x.company() != null && !x.company().isBlank())
                        .map(ProfileUpdated.Position::company).findFirst().orElse(null);
                if (isNew) {
                    m.persist();
                }
            } else if (event instanceof AccountClosed c) {
                closure.onAccountClosed(c);
            } else if (event instanceof AccessRevoked r) {
                // log-out / password change: the badge streams of those sessions end, their tickets are void
                broadcaster.revoked(r.memberId(), r.sessionIds());
            } else if (event instanceof MemberFollowed f) {
                boolean connected = messaging.facts(f.followerId(), f.followeeId()).connected();
                if (ActivityRules.followIsNews(envelope.causationId() != null, connected)) {
                    notifications.onActivity(f);
                }
            }
        });
    }

    /** NAME_INITIAL, or FULL for anything else (an absent value keeps nothing hidden that profile-service shows). */
    static String visibility(String profileVisibility) {
        return NameVisibility.NAME_INITIAL.equals(profileVisibility) ? NameVisibility.NAME_INITIAL : NameVisibility.FULL;
    }
}
