package dev.trellis.notification.domain;

import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.profile.MemberUnfollowed;
import dev.trellis.events.recommendation.EndorsementHidden;
import dev.trellis.events.recommendation.EndorsementWithdrawn;
import dev.trellis.events.recommendation.IntroductionDeclined;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.events.recommendation.IntroductionRequested;
import dev.trellis.events.recommendation.RecommendationAccepted;
import dev.trellis.events.recommendation.RecommendationHidden;
import dev.trellis.events.recommendation.RecommendationRejected;
import dev.trellis.events.recommendation.RecommendationRequested;
import dev.trellis.events.recommendation.RecommendationRevisionRequested;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.events.recommendation.SkillEndorsed;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Given an event, then these notifications and prompts (or none). */
class ActivityRulesTest {
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID CAROL = UUID.randomUUID();
    static final UUID REC = UUID.randomUUID();
    static final UUID INTRO = UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Duration LIFE = Duration.ofDays(14);

    static List<Effect> when(dev.trellis.events.TrellisEvent e) {
        return ActivityRules.on(e, LIFE);
    }

    static Effect.Notify only(List<Effect> effects) {
        assertEquals(1, effects.size(), effects.toString());
        return (Effect.Notify) effects.get(0);
    }

    @Test
    void a_recommendation_request_tells_the_author_on_the_my_network_badge() {
        Effect.Notify n = only(when(new RecommendationRequested(REC, BOB, ALICE, "WORKED_WITH", "Engineer",
                "Could you write a few words?", T0)));
        assertEquals(ALICE, n.recipient());
        assertEquals(NotificationKind.RECOMMENDATION_REQUESTED, n.kind());
        assertEquals(BOB, n.actor());
        assertEquals("Could you write a few words?", n.note());
        assertEquals(REC, n.recommendationId());
        assertEquals(Category.MY_NETWORK, n.kind().category());
    }

    static Effect.Notify notifies(List<Effect> effects) {
        List<Effect.Notify> n = effects.stream().filter(e -> e instanceof Effect.Notify).map(e -> (Effect.Notify) e).toList();
        assertEquals(1, n.size(), effects.toString());
        return n.get(0);
    }

    @Test
    void a_written_recommendation_tells_the_recipient_and_handles_the_authors_request() {
        List<Effect> then = when(new RecommendationWritten(REC, ALICE, BOB, "WORKED_WITH", null, "Great", 1, T0));
        assertEquals(List.of(
                new Effect.Notify(BOB, NotificationKind.RECOMMENDATION_RECEIVED, ALICE, null, null, REC, T0, false),
                new Effect.MarkDone(ALICE, List.of(NotificationKind.RECOMMENDATION_REQUESTED,
                        NotificationKind.RECOMMENDATION_REVISION_REQUESTED), REC, null)), then);
    }

    @Test
    void a_new_version_tells_the_recipient_again() {
        Effect.Notify second = notifies(when(new RecommendationWritten(REC, ALICE, BOB, "WORKED_WITH", null, "Great!", 2, T0)));
        assertEquals(NotificationKind.RECOMMENDATION_REVISED, second.kind());
        assertEquals("2", second.detail());
        Effect.Notify third = notifies(when(new RecommendationWritten(REC, ALICE, BOB, "WORKED_WITH", null, "Great!!", 3, T0)));
        assertNotEquals(second.notificationId(), third.notificationId());
        // the same event twice decides the same notification
        assertEquals(second.notificationId(), notifies(when(new RecommendationWritten(REC, ALICE, BOB, "WORKED_WITH", null,
                "Great!", 2, T0))).notificationId());
    }

    @Test
    void an_accepted_recommendation_tells_the_author_and_offers_the_recipient_to_reciprocate() {
        assertEquals(List.of(
                new Effect.Notify(ALICE, NotificationKind.RECOMMENDATION_ACCEPTED, BOB, null, null, REC, T0, false),
                new Effect.OfferPrompt(BOB, PromptKind.RECIPROCATE, ALICE, null, REC, T0, T0.plus(LIFE))),
                when(new RecommendationAccepted(REC, ALICE, BOB, 1, T0)));
    }

    @Test
    void a_revision_request_tells_the_author_with_the_message() {
        Effect.Notify n = only(when(new RecommendationRevisionRequested(REC, ALICE, BOB, "Mention the migration", T0)));
        assertEquals(ALICE, n.recipient());
        assertEquals(BOB, n.actor());
        assertEquals("Mention the migration", n.note());
        assertEquals(NotificationKind.RECOMMENDATION_REVISION_REQUESTED, n.kind());
    }

    @Test
    void a_withdrawn_recommendation_takes_back_the_request_and_the_written_notifications_and_the_prompt() {
        assertEquals(List.of(
                new Effect.RemoveAboutRecommendation(ALICE, REC, List.of(NotificationKind.RECOMMENDATION_REQUESTED)),
                new Effect.RemoveAboutRecommendation(BOB, REC, List.of(NotificationKind.RECOMMENDATION_RECEIVED,
                        NotificationKind.RECOMMENDATION_REVISED)),
                new Effect.DropRecommendationPrompts(BOB, REC)),
                when(new RecommendationWithdrawn(REC, ALICE, BOB, "CONNECTION_REMOVED", T0)));
    }

    @Test
    void rejected_hidden_and_endorsement_changes_tell_nobody() {
        assertEquals(List.of(), when(new RecommendationRejected(REC, ALICE, BOB, T0)));
        assertEquals(List.of(), when(new RecommendationHidden(REC, ALICE, BOB, T0)));
        assertEquals(List.of(), when(new EndorsementHidden(UUID.randomUUID(), ALICE, BOB, "Java", T0)));
        assertEquals(List.of(), when(new EndorsementWithdrawn(UUID.randomUUID(), ALICE, BOB, "Java", "ENDORSER", T0)));
        assertEquals(List.of(), when(new MemberUnfollowed(ALICE, BOB, T0)));
    }

    @Test
    void an_endorsement_tells_the_member_which_skill() {
        Effect.Notify n = only(when(new SkillEndorsed(UUID.randomUUID(), ALICE, BOB, "Kafka", T0)));
        assertEquals(BOB, n.recipient());
        assertEquals(ALICE, n.actor());
        assertEquals("Kafka", n.detail());
        assertEquals("Alice Smith endorsed you for Kafka", Texts.notification(n.kind(), "Alice Smith", null, n.detail()));
    }

    @Test
    void introductions_tell_the_introducer_then_the_target_and_the_requester() {
        Effect.Notify asked = only(when(new IntroductionRequested(INTRO, ALICE, BOB, CAROL, "Could you introduce me?", T0)));
        assertEquals(BOB, asked.recipient());
        assertEquals(ALICE, asked.actor());
        assertEquals(CAROL, asked.subjectMember());
        assertEquals("Could you introduce me?", asked.note());

        List<Effect> forwarded = when(new IntroductionForwarded(INTRO, ALICE, BOB, CAROL, "Carol, meet Alice", T0));
        assertEquals(3, forwarded.size());
        assertEquals(new Effect.MarkDone(BOB, List.of(NotificationKind.INTRODUCTION_REQUESTED), null, INTRO), forwarded.get(0));
        Effect.Notify toTarget = (Effect.Notify) forwarded.get(1);
        Effect.Notify toRequester = (Effect.Notify) forwarded.get(2);
        assertEquals(CAROL, toTarget.recipient());
        assertEquals(BOB, toTarget.actor());
        assertEquals(ALICE, toTarget.subjectMember());
        assertEquals("Carol, meet Alice", toTarget.note());
        assertEquals(ALICE, toRequester.recipient());
        assertEquals(CAROL, toRequester.subjectMember());

        List<Effect> declinedEffects = when(new IntroductionDeclined(INTRO, ALICE, BOB, CAROL, T0));
        assertEquals(new Effect.MarkDone(BOB, List.of(NotificationKind.INTRODUCTION_REQUESTED), null, INTRO), declinedEffects.get(0));
        Effect.Notify declined = notifies(declinedEffects);
        assertEquals(ALICE, declined.recipient());
        assertEquals(NotificationKind.INTRODUCTION_DECLINED, declined.kind());
        assertEquals("Bob Jones could not introduce you to Carol White",
                Texts.notification(declined.kind(), "Bob Jones", "Carol White", null));
    }

    @Test
    void a_follow_tells_the_followee_once_per_follower() {
        Effect.Notify n = only(when(new MemberFollowed(ALICE, BOB, T0)));
        assertEquals(BOB, n.recipient());
        assertEquals(NotificationKind.NEW_FOLLOWER, n.kind());
        assertEquals(n.notificationId(), only(when(new MemberFollowed(ALICE, BOB, T0.plusSeconds(60)))).notificationId());
        assertEquals(List.of(), when(new MemberFollowed(ALICE, ALICE, T0)));
    }

    @Test
    void only_a_chosen_follow_between_members_not_connected_is_news() {
        org.junit.jupiter.api.Assertions.assertTrue(ActivityRules.followIsNews(false, false));
        org.junit.jupiter.api.Assertions.assertFalse(ActivityRules.followIsNews(true, false)); // came with connecting
        org.junit.jupiter.api.Assertions.assertFalse(ActivityRules.followIsNews(false, true));
    }
}
