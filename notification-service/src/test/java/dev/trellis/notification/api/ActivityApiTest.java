package dev.trellis.notification.api;

import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.recommendation.IntroductionDeclined;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.events.recommendation.IntroductionRequested;
import dev.trellis.events.recommendation.RecommendationAccepted;
import dev.trellis.events.recommendation.RecommendationRejected;
import dev.trellis.events.recommendation.RecommendationRequested;
import dev.trellis.events.recommendation.RecommendationRevisionRequested;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.events.recommendation.SkillEndorsed;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.trellis.notification.api.NotificationApiTest.awaitUntil;
import static dev.trellis.notification.api.NotificationApiTest.badges;
import static dev.trellis.notification.api.NotificationApiTest.member;
import static dev.trellis.notification.api.NotificationApiTest.myNetwork;
import static dev.trellis.notification.api.NotificationApiTest.notifications;
import static dev.trellis.notification.api.NotificationApiTest.now;
import static dev.trellis.notification.api.NotificationApiTest.prompts;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Recommendations, endorsements, introductions and follows, fed as recommendation-/profile-service would. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class ActivityApiTest {
    @jakarta.inject.Inject
    dev.trellis.notification.application.MessagingService messaging;

    @Test
    void a_recommendation_request_counts_on_my_network_and_a_withdrawal_takes_it_back() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        UUID rec = UUID.randomUUID();
        KafkaProbe.publish(new RecommendationRequested(rec, chris, olivia, "WORKED_WITH", "Engineer",
                "Would you write a few words?", now()));
        awaitUntil(() -> myNetwork(olivia) == 1);
        JsonPath n = notifications(olivia);
        assertEquals("RECOMMENDATION_REQUESTED", n.getString("items[0].kind"));
        assertEquals("Chris Cooper asked you for a recommendation", n.getString("items[0].text"));
        assertEquals("Would you write a few words?", n.getString("items[0].note"));
        assertEquals("Chris's headline", n.getString("items[0].actor.headline"));

        KafkaProbe.publish(new RecommendationWithdrawn(rec, olivia, chris, "CONNECTION_REMOVED", now()));
        awaitUntil(() -> myNetwork(olivia) == 0);
        assertEquals(0, notifications(olivia).getInt("total"));
        assertEquals(0, notifications(chris).getInt("total"));
    }

    @Test
    void writing_the_requested_recommendation_clears_the_request_from_the_badge() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        UUID rec = UUID.randomUUID();
        KafkaProbe.publish(new RecommendationRequested(rec, chris, olivia, "WORKED_WITH", null, null, now()));
        awaitUntil(() -> myNetwork(olivia) == 1);
        KafkaProbe.publish(new RecommendationWritten(rec, olivia, chris, "WORKED_WITH", null, "Chris is great", 1, now()));
        awaitUntil(() -> badges(chris).getLong("notifications") == 1);
        assertEquals(0, myNetwork(olivia));
        JsonPath n = notifications(olivia);
        assertEquals(1, n.getInt("total"));
        assertEquals(true, n.getBoolean("items[0].read"));
    }

    @Test
    void an_accepted_recommendation_tells_the_author_and_offers_the_recipient_to_write_one_in_return() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        UUID rec = UUID.randomUUID();
        KafkaProbe.publish(new RecommendationWritten(rec, olivia, chris, "WORKED_WITH", null, "Chris is great", 1, now()));
        awaitUntil(() -> badges(chris).getLong("notifications") == 1);
        assertEquals("Olivia Taylor wrote you a recommendation", notifications(chris).getString("items[0].text"));

        KafkaProbe.publish(new RecommendationRevisionRequested(rec, olivia, chris, "Could you mention Kafka?", now()));
        awaitUntil(() -> badges(olivia).getLong("notifications") == 1);
        assertEquals("Chris Cooper asked you to revise your recommendation", notifications(olivia).getString("items[0].text"));
        KafkaProbe.publish(new RecommendationWritten(rec, olivia, chris, "WORKED_WITH", null, "Chris is great with Kafka", 2, now()));
        awaitUntil(() -> badges(chris).getLong("notifications") == 2);
        assertEquals("Olivia Taylor revised their recommendation for you", notifications(chris).getString("items[0].text"));
        assertEquals(0, badges(olivia).getLong("notifications")); // she revised it: the request is handled

        NotificationApiTest.connectionMade(olivia, chris); // recommendations are between connections
        KafkaProbe.publish(new RecommendationAccepted(rec, olivia, chris, 2, now()));
        awaitUntil(() -> badges(olivia).getLong("notifications") == 1);
        assertEquals("Chris Cooper accepted your recommendation", notifications(olivia).getString("items[0].text"));
        JsonPath p = prompts(chris);
        assertEquals(1, p.getInt("total"));
        assertEquals("RECIPROCATE", p.getString("items[0].kind"));
        assertEquals(olivia.toString(), p.getString("items[0].otherMemberId"));
        assertEquals(rec.toString(), p.getString("items[0].recommendationId"));
        // not a message prompt
        given().header("Authorization", TestTokens.bearer(chris)).contentType("application/json").body("{}")
                .post("/prompts/" + p.getString("items[0].promptId") + "/send").then().statusCode(422);
        // no longer connected (removed or blocked, the same): the prompt is not offered
        UUID[] pair = olivia.compareTo(chris) <= 0 ? new UUID[]{olivia, chris} : new UUID[]{chris, olivia};
        KafkaProbe.publish(new dev.trellis.events.connection.ConnectionRemoved(pair[0], pair[1], olivia, java.time.Instant.now()));
        awaitUntil(() -> prompts(chris).getInt("total") == 0);
    }

    @Test
    void a_rejected_recommendation_tells_the_author_nothing() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        UUID rec = UUID.randomUUID();
        KafkaProbe.publish(new RecommendationWritten(rec, olivia, chris, "WORKED_WITH", null, "Hm", 1, now()));
        KafkaProbe.publish(new RecommendationRejected(rec, olivia, chris, now()));
        // a marker on the same key (so the same partition, after the rejection) proves the rejection was consumed
        UUID watcher = UUID.randomUUID();
        NotificationApiTest.sendOnKey(rec.toString(), UUID.randomUUID(), new RecommendationRequested(UUID.randomUUID(),
                chris, watcher, null, null, null, now()));
        awaitUntil(() -> myNetwork(watcher) == 1);
        assertEquals(0, notifications(olivia).getInt("total"));
        assertEquals(1, notifications(chris).getInt("total"));
        KafkaProbe.publish(new MemberFollowed(chris, olivia, now()));
        awaitUntil(() -> notifications(olivia).getInt("total") == 1);
        assertEquals("NEW_FOLLOWER", notifications(olivia).getString("items[0].kind"));
        assertEquals("Chris Cooper started following you", notifications(olivia).getString("items[0].text"));
    }

    @Test
    void the_follows_that_come_with_connecting_tell_nobody() throws Exception {
        UUID ann = member("Ann", "Lee");
        UUID ben = member("Ben", "Ng");
        UUID cat = member("Cat", "Diaz");
        // caused by an event (profile-service's reaction to ConnectionMade)
        MemberFollowed automatic = new MemberFollowed(ann, ben, now());
        KafkaProbe.sendRaw(dev.trellis.events.Topics.PROFILE, automatic.partitionKey(),
                NotificationApiTest.JSON.writeValueAsString(automatic), java.util.Map.of("ce_specversion", "1.0",
                        "ce_id", UUID.randomUUID().toString(), "ce_type", "trellis.profile.MemberFollowed.v1",
                        "ce_source", "//trellis/profile", "ce_subject", automatic.partitionKey(),
                        "ce_causationid", UUID.randomUUID().toString(), "content-type", "application/json"));
        // a chosen follow on the same key after it: once it counts, the automatic one was consumed (and silent)
        KafkaProbe.publish(new MemberFollowed(ben, ann, now()));
        awaitUntil(() -> notifications(ann).getInt("total") == 1);
        assertEquals(0, notifications(ben).getInt("total"));
        // between connections: silent too
        UUID[] p = ann.compareTo(cat) <= 0 ? new UUID[]{ann, cat} : new UUID[]{cat, ann};
        KafkaProbe.publish(new dev.trellis.events.connection.ConnectionMade(p[0], p[1], UUID.randomUUID(), now()));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> messaging.facts(ann, cat).connected());
        KafkaProbe.publish(new MemberFollowed(cat, ann, now()));
        // a marker on the same key (partition): Cat follows Ben, which is news for Ben
        NotificationApiTest.sendOnKey(dev.trellis.events.connection.MemberPair.key(cat, ann), UUID.randomUUID(),
                new MemberFollowed(cat, ben, now()));
        awaitUntil(() -> notifications(ben).getInt("total") == 1);
        assertEquals(1, notifications(ann).getInt("total"));
    }

    @Test
    void endorsements_and_introductions_read_in_words() {
        UUID ann = member("Ann", "Lee");
        UUID ben = member("Ben", "Ng");
        UUID cat = member("Cat", "Diaz");
        KafkaProbe.publish(new SkillEndorsed(UUID.randomUUID(), ben, ann, "PostgreSQL", now()));
        awaitUntil(() -> notifications(ann).getInt("total") == 1);
        assertEquals("Ben Ng endorsed you for PostgreSQL", notifications(ann).getString("items[0].text"));
        assertEquals("PostgreSQL", notifications(ann).getString("items[0].detail"));

        UUID intro = UUID.randomUUID();
        KafkaProbe.publish(new IntroductionRequested(intro, ann, ben, cat, "Ben, could you introduce me to Cat?", now()));
        awaitUntil(() -> notifications(ben).getInt("total") == 1);
        JsonPath b = notifications(ben);
        assertEquals(1, badges(ben).getLong("notifications"));
        assertEquals("Ann Lee asked you to introduce them to Cat Diaz", b.getString("items[0].text"));
        assertEquals(cat.toString(), b.getString("items[0].subject.memberId"));
        assertEquals("Ben, could you introduce me to Cat?", b.getString("items[0].note"));

        KafkaProbe.publish(new IntroductionForwarded(intro, ann, ben, cat, "Cat, meet Ann: she works on search", now()));
        awaitUntil(() -> notifications(cat).getInt("total") == 1 && notifications(ann).getInt("total") == 2);
        assertEquals("Ben Ng introduced you to Ann Lee", notifications(cat).getString("items[0].text"));
        assertEquals("Cat, meet Ann: she works on search", notifications(cat).getString("items[0].note"));
        assertEquals("Ben Ng introduced you to Cat Diaz", notifications(ann).getString("items[0].text"));
        assertEquals(0, badges(ben).getLong("notifications")); // answered: the request no longer counts

        UUID intro2 = UUID.randomUUID();
        UUID dan = member("Dan", "Fox");
        KafkaProbe.publish(new IntroductionDeclined(intro2, ann, ben, dan, now()));
        awaitUntil(() -> notifications(ann).getInt("total") == 3);
        assertEquals("Ben Ng could not introduce you to Dan Fox", notifications(ann).getString("items[0].text"));
        assertEquals(0, myNetwork(ann));
    }
}
