package dev.trellis.events;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationDeclinedAsUnknown;
import dev.trellis.events.invitation.InvitationExpired;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.profile.AccessRevoked;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.events.profile.SkillAdded;
import dev.trellis.events.profile.SkillRemoved;
import dev.trellis.events.profile.PrivacySettingsChanged;
import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.profile.MemberUnfollowed;
import dev.trellis.events.profile.CreatorModeChanged;
import dev.trellis.events.profile.GroupCreated;
import dev.trellis.events.profile.GroupJoined;
import dev.trellis.events.profile.GroupLeft;
import dev.trellis.events.recommendation.RecommendationRequested;
import dev.trellis.events.recommendation.RecommendationAccepted;
import dev.trellis.events.recommendation.RecommendationRejected;
import dev.trellis.events.recommendation.RecommendationHidden;
import dev.trellis.events.recommendation.RecommendationShown;
import dev.trellis.events.recommendation.RecommendationRevisionRequested;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.events.recommendation.SkillEndorsed;
import dev.trellis.events.recommendation.EndorsementHidden;
import dev.trellis.events.recommendation.EndorsementWithdrawn;
import dev.trellis.events.recommendation.IntroductionRequested;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.events.recommendation.IntroductionDeclined;
import dev.trellis.events.notification.MessageSent;
import dev.trellis.events.recommendation.RecommendationWritten;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of public event types: {@code ce_type} name <-> record class <-> topic.
 * A type name is {@code trellis.<context>.<EventName>.v<N>}.
 */
public final class EventTypes {

    public record Descriptor(String type, Class<? extends TrellisEvent> javaType, String topic) {
    }

    private static final Map<String, Descriptor> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, Descriptor> BY_CLASS = new LinkedHashMap<>();

    static {
        register("trellis.profile.ProfileCreated.v1", ProfileCreated.class, Topics.PROFILE);
        register("trellis.profile.ProfileUpdated.v1", ProfileUpdated.class, Topics.PROFILE);
        register("trellis.profile.SkillAdded.v1", SkillAdded.class, Topics.PROFILE);
        register("trellis.profile.SkillRemoved.v1", SkillRemoved.class, Topics.PROFILE);
        register("trellis.profile.PrivacySettingsChanged.v1", PrivacySettingsChanged.class, Topics.PROFILE);
        register("trellis.profile.MemberFollowed.v1", MemberFollowed.class, Topics.PROFILE);
        register("trellis.profile.MemberUnfollowed.v1", MemberUnfollowed.class, Topics.PROFILE);
        register("trellis.profile.CreatorModeChanged.v1", CreatorModeChanged.class, Topics.PROFILE);
        register("trellis.profile.GroupCreated.v1", GroupCreated.class, Topics.PROFILE);
        register("trellis.profile.GroupJoined.v1", GroupJoined.class, Topics.PROFILE);
        register("trellis.profile.GroupLeft.v1", GroupLeft.class, Topics.PROFILE);
        register("trellis.profile.AccessRevoked.v1", AccessRevoked.class, Topics.PROFILE);
        register("trellis.profile.AccountClosed.v1", AccountClosed.class, Topics.PROFILE);
        register("trellis.invitation.InvitationSent.v1", InvitationSent.class, Topics.INVITATION);
        register("trellis.invitation.InvitationAccepted.v1", InvitationAccepted.class, Topics.INVITATION);
        register("trellis.invitation.InvitationIgnored.v1", InvitationIgnored.class, Topics.INVITATION);
        register("trellis.invitation.InvitationWithdrawn.v1", InvitationWithdrawn.class, Topics.INVITATION);
        register("trellis.invitation.InvitationDeclinedAsUnknown.v1", InvitationDeclinedAsUnknown.class, Topics.INVITATION);
        register("trellis.invitation.InvitationExpired.v1", InvitationExpired.class, Topics.INVITATION);
        register("trellis.invitation.InvitationReminderDue.v1", InvitationReminderDue.class, Topics.INVITATION);
        register("trellis.connection.ConnectionMade.v1", ConnectionMade.class, Topics.CONNECTION);
        register("trellis.connection.ConnectionRemoved.v1", ConnectionRemoved.class, Topics.CONNECTION);
        register("trellis.connection.MemberBlocked.v1", MemberBlocked.class, Topics.CONNECTION);
        register("trellis.connection.MemberUnblocked.v1", MemberUnblocked.class, Topics.CONNECTION);
        register("trellis.recommendation.RecommendationWritten.v1", RecommendationWritten.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.RecommendationRequested.v1", RecommendationRequested.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.RecommendationAccepted.v1", RecommendationAccepted.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.RecommendationRejected.v1", RecommendationRejected.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.RecommendationHidden.v1", RecommendationHidden.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.RecommendationShown.v1", RecommendationShown.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.RecommendationRevisionRequested.v1", RecommendationRevisionRequested.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.RecommendationWithdrawn.v1", RecommendationWithdrawn.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.SkillEndorsed.v1", SkillEndorsed.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.EndorsementHidden.v1", EndorsementHidden.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.EndorsementWithdrawn.v1", EndorsementWithdrawn.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.IntroductionRequested.v1", IntroductionRequested.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.IntroductionForwarded.v1", IntroductionForwarded.class, Topics.RECOMMENDATION);
        register("trellis.recommendation.IntroductionDeclined.v1", IntroductionDeclined.class, Topics.RECOMMENDATION);
        register("trellis.notification.MessageSent.v1", MessageSent.class, Topics.NOTIFICATION);
    }

    private static void register(String type, Class<? extends TrellisEvent> javaType, String topic) {
        Descriptor d = new Descriptor(type, javaType, topic);
        BY_TYPE.put(type, d);
        BY_CLASS.put(javaType, d);
    }

    public static Optional<Descriptor> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Descriptor of(Class<?> javaType) {
        Descriptor d = BY_CLASS.get(javaType);
        if (d == null) {
            throw new IllegalArgumentException("not a registered public event: " + javaType.getName());
        }
        return d;
    }

    public static String typeOf(Class<?> javaType) {
        return of(javaType).type();
    }

    public static Iterable<Descriptor> all() {
        return BY_TYPE.values();
    }

    private EventTypes() {
    }
}
