package dev.trellis.recommendation.projection;

import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.events.profile.SkillAdded;
import dev.trellis.events.profile.SkillRemoved;
import dev.trellis.platform.inbox.Dispatch;
import dev.trellis.platform.inbox.Inbox;
import dev.trellis.recommendation.application.AccountClosure;
import dev.trellis.recommendation.application.EndorsementService;
import dev.trellis.recommendation.store.MemberDirectory;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import dev.trellis.platform.inbox.Batches;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Names (public views, request templates), how they may be shown (PrivacySettingsChanged) and listed skills (what may be endorsed), from profile events. A skill
 * removed from the profile withdraws its endorsements (reason SKILL_REMOVED). A closed account withdraws everything
 * by or for the member and erases them ({@link AccountClosure}).
 */
@ApplicationScoped
public class ProfileProjection {
    private final Inbox inbox;
    private final MemberDirectory directory;
    private final EndorsementService endorsements;
    private final AccountClosure closure;

    public ProfileProjection(Inbox inbox, MemberDirectory directory, EndorsementService endorsements,
                             AccountClosure closure) {
        this.inbox = inbox;
        this.directory = directory;
        this.endorsements = endorsements;
        this.closure = closure;
    }

    @Incoming("profile-events")
    @Blocking
    public void on(ConsumerRecords<String, String> records) {
        // names, visibility, skills and account closures: the other profile events (follows, groups) are skipped unread
        inbox.processBatch("recommendation-profiles", Batches.list(records), Dispatch.of()
                .on(ProfileCreated.class, p -> directory.upsert(p.memberId(), p.firstName(), p.lastName(), p.headline()))
                .on(ProfileUpdated.class, p -> directory.update(p.memberId(), p.firstName(), p.lastName(), p.headline()))
                .on(PrivacySettingsChanged.class, c -> directory.profileVisibility(c.memberId(), c.profileVisibility()))
                .on(SkillAdded.class, s -> directory.addSkill(s.memberId(), s.skill()))
                .on(SkillRemoved.class, s -> {
                    directory.removeSkill(s.memberId(), s.skill());
                    endorsements.withdrawSkill(s.memberId(), s.skill());
                })
                .on(AccountClosed.class, closure::onAccountClosed));
    }
}
