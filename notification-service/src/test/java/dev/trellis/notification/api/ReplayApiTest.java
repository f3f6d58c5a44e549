package dev.trellis.notification.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.recommendation.RecommendationRequested;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.events.recommendation.SkillEndorsed;
import dev.trellis.notification.application.Journal;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.notification.application.PrivateEvents;
import dev.trellis.notification.application.Rebuild;
import dev.trellis.notification.application.ReminderSweeper;
import dev.trellis.notification.projection.ConnectionProjection;
import dev.trellis.notification.projection.InvitationProjection;
import dev.trellis.notification.projection.ProfileProjection;
import dev.trellis.notification.projection.RecommendationProjection;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestClock;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static dev.trellis.notification.api.NotificationApiTest.awaitUntil;
import static dev.trellis.notification.api.NotificationApiTest.badges;
import static dev.trellis.notification.api.NotificationApiTest.member;
import static dev.trellis.notification.api.NotificationApiTest.myNetwork;
import static dev.trellis.notification.api.NotificationApiTest.notifications;
import static dev.trellis.notification.api.NotificationApiTest.now;
import static dev.trellis.notification.api.NotificationApiTest.prompts;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay equals live: a varied history (redelivered events, a withdrawal, seen and read marks, a message, the
 * sweep's reminders) is applied live; then the projections are emptied and rebuilt from the topics (every record
 * from the beginning, through the same consumers) and the journal of the service's own inputs; the badges, the
 * feeds and the prompts are the same.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class ReplayApiTest {
    @Inject
    Rebuild rebuild;
    @Inject
    ReminderSweeper sweeper;
    @Inject
    MessagingService messaging;
    @Inject
    TestClock clock;
    @Inject
    dev.trellis.notification.application.Journal journal;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** What a member sees: badge counts, the whole feed, the prompts. */
    static Map<String, Object> view(UUID m) {
        JsonPath b = badges(m);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("myNetwork", b.getLong("myNetwork"));
        v.put("messages", b.getLong("messages"));
        v.put("notifications", b.getLong("notifications"));
        JsonPath feed = given().header("Authorization", TestTokens.bearer(m)).get("/notifications?size=100")
                .then().statusCode(200).extract().jsonPath();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < feed.getInt("items.size()"); i++) {
            String p = "items[" + i + "].";
            items.add(feed.getString(p + "notificationId") + " " + feed.getString(p + "kind") + " read="
                    + feed.getBoolean(p + "read") + " " + feed.getString(p + "text") + " / " + feed.getString(p + "note"));
        }
        v.put("feed", items);
        JsonPath pr = prompts(m);
        List<String> ps = new ArrayList<>();
        for (int i = 0; i < pr.getInt("items.size()"); i++) {
            ps.add(pr.getString("items[" + i + "].promptId") + " " + pr.getString("items[" + i + "].kind"));
        }
        v.put("prompts", ps);
        return v;
    }

    /**
     * Every record of the four topics handed to the projections again, as the consumers get them (a poll's records,
     * grouped by partition, in offset order), one topic after the other: profile, invitation, connection,
     * recommendation.
     */
    static void replayTopics() {
        var beans = io.quarkus.arc.Arc.container();
        ProfileProjection profiles = beans.instance(ProfileProjection.class).get();
        InvitationProjection invitations = beans.instance(InvitationProjection.class).get();
        ConnectionProjection connections = beans.instance(ConnectionProjection.class).get();
        RecommendationProjection recommendations = beans.instance(RecommendationProjection.class).get();
        for (String topic : List.of(Topics.PROFILE, Topics.INVITATION, Topics.CONNECTION, Topics.RECOMMENDATION)) {
            Consumer<org.apache.kafka.clients.consumer.ConsumerRecords<String, String>> projection = switch (topic) {
                case Topics.PROFILE -> profiles::on;
                case Topics.INVITATION -> invitations::on;
                case Topics.CONNECTION -> connections::on;
                default -> recommendations::on;
            };
            Map<org.apache.kafka.common.TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
            KafkaProbe.readAll(topic).forEach(r -> byPartition.computeIfAbsent(
                    new org.apache.kafka.common.TopicPartition(r.topic(), r.partition()), k -> new java.util.ArrayList<>()).add(r));
            projection.accept(new org.apache.kafka.clients.consumer.ConsumerRecords<>(byPartition));
        }
    }

    @Test
    void rebuilding_from_the_topics_and_the_journal_gives_the_same_badges_feeds_and_prompts() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        UUID ann = member("Ann", "Lee");
        UUID ben = member("Ben", "Ng");
        List<UUID> all = List.of(olivia, chris, ann, ben);

        // invitations: accepted (with a redelivery), withdrawn after being counted, ignored, reminded
        UUID inv1 = UUID.randomUUID();
        UUID sentId = UUID.randomUUID();
        KafkaProbe.publish(sentId, new InvitationSent(inv1, chris, olivia, "Hi Olivia", "colleague", "Acme", null, now(), null));
        KafkaProbe.publish(sentId, new InvitationSent(inv1, chris, olivia, "Hi Olivia", "colleague", "Acme", null, now(), null));
        UUID inv2 = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(inv2, ann, olivia, null, null, null, null, now(), null));
        UUID inv3 = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(inv3, ben, olivia, "Hello", null, null, null, now(), null));
        awaitUntil(() -> myNetwork(olivia) == 3);

        // Olivia sees the tab; then Ann withdraws, Ben's invitation reminds her and she ignores it
        long asOf = badges(olivia).getLong("asOf");
        given().header("Authorization", TestTokens.bearer(olivia)).post("/badges/my-network/seen?asOf=" + asOf)
                .then().statusCode(200).body("myNetwork", org.hamcrest.Matchers.equalTo(0));
        KafkaProbe.publish(new InvitationWithdrawn(inv2, ann, olivia, now()));
        KafkaProbe.publish(new InvitationReminderDue(inv3, ben, olivia, 1, now()));
        awaitUntil(() -> myNetwork(olivia) == 1);
        KafkaProbe.publish(new InvitationIgnored(inv3, ben, olivia, now()));
        UUID acceptedId = UUID.randomUUID();
        KafkaProbe.publish(acceptedId, new InvitationAccepted(inv1, chris, olivia, now(), false));
        KafkaProbe.publish(acceptedId, new InvitationAccepted(inv1, chris, olivia, now(), false));
        awaitUntil(() -> myNetwork(chris) == 1 && myNetwork(olivia) == 0);

        // recommendations: a request counted then withdrawn; another one stays
        UUID rec1 = UUID.randomUUID();
        UUID rec2 = UUID.randomUUID();
        KafkaProbe.publish(new RecommendationRequested(rec1, olivia, chris, "WORKED_WITH", null, "A few words?", now()));
        KafkaProbe.publish(new RecommendationRequested(rec2, ann, chris, "WORKED_WITH", null, null, now()));
        KafkaProbe.publish(new RecommendationWithdrawn(rec1, chris, olivia, "AUTHOR", now()));
        UUID endorsed = UUID.randomUUID();
        KafkaProbe.publish(endorsed, new SkillEndorsed(UUID.randomUUID(), ann, ben, "Go", now()));
        KafkaProbe.publish(new MemberFollowed(ann, ben, now()));
        for (String skill : List.of("Go", "Rust", "SQL")) {
            KafkaProbe.publish(new SkillEndorsed(UUID.randomUUID(), ann, chris, skill, now()));
        }
        awaitUntil(() -> myNetwork(chris) == 2 && badges(ben).getLong("notifications") == 2
                && badges(chris).getLong("notifications") == 3);
        // Ben reads one, Chris reads everything
        String benFirst = notifications(ben).getString("items[0].notificationId");
        given().header("Authorization", TestTokens.bearer(ben)).post("/notifications/" + benFirst + "/read").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(chris)).post("/notifications/read-all").then().statusCode(200);
        // "read all" of 5 is journaled in events of at most 3 ids (trellis.notification.ids-per-event in tests)
        List<List<UUID>> chrisReads = journal.read(0, 100_000).stream().map(Journal.Entry::event)
                .filter(e -> e instanceof PrivateEvents.NotificationsRead r && r.memberId().equals(chris))
                .map(e -> ((PrivateEvents.NotificationsRead) e).notificationIds()).toList();
        assertEquals(List.of(3, 2), chrisReads.stream().map(List::size).toList());

        // a connection and a message (the welcome prompt is done); Ann and Ben connected and quiet: reminders
        UUID[] ab = ann.compareTo(ben) <= 0 ? new UUID[]{ann, ben} : new UUID[]{ben, ann};
        KafkaProbe.publish(new ConnectionMade(ab[0], ab[1], UUID.randomUUID(), Instant.now()));
        UUID[] oc = olivia.compareTo(chris) <= 0 ? new UUID[]{olivia, chris} : new UUID[]{chris, olivia};
        KafkaProbe.publish(new ConnectionMade(oc[0], oc[1], UUID.randomUUID(), Instant.now()));
        awaitUntil(() -> messaging.facts(ann, ben).connected() && messaging.facts(olivia, chris).connected());
        String welcome = prompts(olivia).getString("items[0].promptId");
        given().header("Authorization", TestTokens.bearer(olivia)).contentType(ContentType.JSON).body("{}")
                .post("/prompts/" + welcome + "/send").then().statusCode(201);
        String followUp = prompts(chris).getString("items[0].promptId");
        given().header("Authorization", TestTokens.bearer(chris)).post("/prompts/" + followUp + "/dismiss").then().statusCode(204);
        clock.advance(Duration.ofDays(3).plusHours(1));
        sweeper.sweep();
        clock.reset();
        awaitUntil(() -> badges(ann).getLong("notifications") >= 1);

        Map<UUID, Map<String, Object>> live = new LinkedHashMap<>();
        all.forEach(m -> live.put(m, view(m)));
        // the history did reach every kind of state
        assertEquals(0L, live.get(olivia).get("myNetwork"));
        assertEquals(1L, live.get(chris).get("messages"));
        assertEquals(0L, live.get(chris).get("myNetwork"), live.get(chris).toString()); // read-all also sees
        assertEquals(2L, live.get(ben).get("notifications"), live.get(ben).toString()); // one of three read
        assertTrue(((List<?>) live.get(ann).get("feed")).stream().anyMatch(s -> s.toString().contains("FOLLOW_UP_REMINDER")));
        assertEquals(List.of(), live.get(olivia).get("prompts"));

        // rebuild: empty the projections, consume every record again, re-apply the journal
        rebuild.truncate();
        assertEquals(0L, badges(olivia).getLong("notifications") + myNetwork(olivia) + myNetwork(chris));
        replayTopics();
        assertTrue(rebuild.replayJournal() > 0);

        for (UUID m : all) {
            assertEquals(live.get(m), view(m), "member " + m);
        }
        assertNotEquals(List.of(), live.get(ben).get("feed"));
    }
}
