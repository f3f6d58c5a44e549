package dev.trellis.notification.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.recommendation.IntroductionDeclined;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.events.recommendation.IntroductionRequested;
import dev.trellis.events.recommendation.RecommendationAccepted;
import dev.trellis.events.recommendation.RecommendationRequested;
import dev.trellis.events.recommendation.RecommendationRevisionRequested;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.events.recommendation.SkillEndorsed;

import java.time.Duration;
import java.util.List;

/**
 * Who is told what about recommendations, endorsements, introductions and follows. Pure: an event in, the
 * effects out. Each notification has a natural key, so a redelivery or a replay decides the same notification.
 *
 * <ul>
 * <li>requested: the author ("X asked you for a recommendation"), on the My Network badge;</li>
 * <li>written: the recipient (a new version after a revision request: "X revised ..."); the author's request
 * and revision request notifications become handled (seen and read);</li>
 * <li>accepted: the author, and the recipient is offered to write one in return (RECIPROCATE prompt);</li>
 * <li>revision requested: the author, with the recipient's message;</li>
 * <li>withdrawn: nobody; the pending request / written notifications and the reciprocate prompt are taken back;</li>
 * <li>rejected, hidden, shown, endorsement hidden or withdrawn: nobody;</li>
 * <li>skill endorsed: the endorsed member;</li>
 * <li>introduction requested: the introducer; forwarded: the target (with the note) and the requester;
 * declined: the requester; once answered, the introducer's request notification is handled;</li>
 * <li>followed: the followee, when the follower chose to follow; the follows that come with connecting
 * (caused by ConnectionMade, or between connected members) tell nobody ({@link #followIsNews}); unfollowing
 * tells nobody.</li>
 * </ul>
 */
public final class ActivityRules {

    public static List<Effect> on(TrellisEvent event, Duration promptLifetime) {
        if (event instanceof RecommendationRequested r) {
            return List.of(new Effect.Notify(r.authorId(), NotificationKind.RECOMMENDATION_REQUESTED, r.requesterId(),
                    r.message(), null, r.recommendationId(), r.requestedAt(), false, null, null, null, null, null,
                    r.position(), null));
        }
        if (event instanceof RecommendationWritten w) {
            // the author did what was asked: the request (or the revision request) no longer counts
            Effect done = new Effect.MarkDone(w.authorId(), List.of(NotificationKind.RECOMMENDATION_REQUESTED,
                    NotificationKind.RECOMMENDATION_REVISION_REQUESTED), w.recommendationId(), null);
            if (w.version() > 1) {
                return List.of(new Effect.Notify(w.recipientId(), NotificationKind.RECOMMENDATION_REVISED, w.authorId(),
                        null, null, w.recommendationId(), w.writtenAt(), false, null, null, null, null, null,
                        String.valueOf(w.version()), "recommendation:" + w.recommendationId() + ":v" + w.version()),
                        done);
            }
            return List.of(new Effect.Notify(w.recipientId(), NotificationKind.RECOMMENDATION_RECEIVED, w.authorId(),
                    null, null, w.recommendationId(), w.writtenAt(), false), done);
        }
        if (event instanceof RecommendationAccepted a) {
            return List.of(
                    new Effect.Notify(a.authorId(), NotificationKind.RECOMMENDATION_ACCEPTED, a.recipientId(), null,
                            null, a.recommendationId(), a.acceptedAt(), false),
                    new Effect.OfferPrompt(a.recipientId(), PromptKind.RECIPROCATE, a.authorId(), null,
                            a.recommendationId(), a.acceptedAt(), a.acceptedAt().plus(promptLifetime)));
        }
        if (event instanceof RecommendationRevisionRequested r) {
            return List.of(new Effect.Notify(r.authorId(), NotificationKind.RECOMMENDATION_REVISION_REQUESTED,
                    r.recipientId(), r.message(), null, r.recommendationId(), r.requestedAt(), false, null, null, null,
                    null, null, null, "recommendation:" + r.recommendationId() + ":" + r.requestedAt()));
        }
        if (event instanceof RecommendationWithdrawn w) {
            return List.of(
                    new Effect.RemoveAboutRecommendation(w.authorId(), w.recommendationId(),
                            List.of(NotificationKind.RECOMMENDATION_REQUESTED)),
                    new Effect.RemoveAboutRecommendation(w.recipientId(), w.recommendationId(),
                            List.of(NotificationKind.RECOMMENDATION_RECEIVED, NotificationKind.RECOMMENDATION_REVISED)),
                    new Effect.DropRecommendationPrompts(w.recipientId(), w.recommendationId()));
        }
        if (event instanceof SkillEndorsed e) {
            return List.of(new Effect.Notify(e.memberId(), NotificationKind.SKILL_ENDORSED, e.endorserId(), null,
                    null, null, e.endorsedAt(), false, null, null, null, null, null, e.skill(),
                    "endorsement:" + e.endorsementId()));
        }
        if (event instanceof IntroductionRequested r) {
            return List.of(new Effect.Notify(r.introducerId(), NotificationKind.INTRODUCTION_REQUESTED, r.requesterId(),
                    r.note(), null, null, r.requestedAt(), false, null, null, null, r.introductionId(), r.targetId(),
                    null, "introduction:" + r.introductionId()));
        }
        if (event instanceof IntroductionForwarded f) {
            String key = "introduction:" + f.introductionId();
            return List.of(
                    new Effect.MarkDone(f.introducerId(), List.of(NotificationKind.INTRODUCTION_REQUESTED), null,
                            f.introductionId()),
                    new Effect.Notify(f.targetId(), NotificationKind.INTRODUCED_TO_YOU, f.introducerId(), f.note(),
                            null, null, f.forwardedAt(), false, null, null, null, f.introductionId(), f.requesterId(),
                            null, key),
                    new Effect.Notify(f.requesterId(), NotificationKind.INTRODUCTION_FORWARDED, f.introducerId(), null,
                            null, null, f.forwardedAt(), false, null, null, null, f.introductionId(), f.targetId(),
                            null, key));
        }
        if (event instanceof IntroductionDeclined d) {
            return List.of(new Effect.MarkDone(d.introducerId(), List.of(NotificationKind.INTRODUCTION_REQUESTED), null,
                    d.introductionId()), new Effect.Notify(d.requesterId(), NotificationKind.INTRODUCTION_DECLINED, d.introducerId(),
                    null, null, null, d.declinedAt(), false, null, null, null, d.introductionId(), d.targetId(), null,
                    "introduction:" + d.introductionId()));
        }
        if (event instanceof MemberFollowed f) {
            if (f.followerId().equals(f.followeeId())) {
                return List.of();
            }
            return List.of(new Effect.Notify(f.followeeId(), NotificationKind.NEW_FOLLOWER, f.followerId(), null, null,
                    null, f.followedAt(), false, null, null, null, null, null, null, "follower:" + f.followerId()));
        }
        return List.of();
    }

    /**
     * Whether a follow is news for the followee: not when another event caused it (profile-service makes new
     * connections follow each other) nor between connected members (they are told of the connection instead).
     */
    public static boolean followIsNews(boolean causedByAnEvent, boolean connected) {
        return !causedByAnEvent && !connected;
    }

    private ActivityRules() {
    }
}
