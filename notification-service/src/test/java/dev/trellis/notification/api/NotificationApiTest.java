package dev.trellis.notification.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trellis.events.EventTypes;
import dev.trellis.events.Topics;
import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kafka -> projections -> REST, against the in-JVM broker and the local PostgreSQL. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class NotificationApiTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A member known to notification-service through a ProfileCreated event on Kafka. */
    static UUID member(String first, String last) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, last, first + "'s headline", Instant.now()));
        await().atMost(WAIT).until(() ->
                QuarkusTransaction.requiringNew().call(() -> MemberEntity.findById(id) != null));
        return id;
    }

    static JsonPath badges(UUID member) {
        return given().header("Authorization", TestTokens.bearer(member)).get("/badges")
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath notifications(UUID member) {
        return given().header("Authorization", TestTokens.bearer(member)).get("/notifications")
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath prompts(UUID member) {
        return given().header("Authorization", TestTokens.bearer(member)).get("/prompts")
                .then().statusCode(200).extract().jsonPath();
    }

    static long myNetwork(UUID member) {
        return badges(member).getLong("myNetwork");
    }

    static void awaitUntil(Callable<Boolean> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    /**
     * Sends {@code event} with Kafka key {@code key} (hence on that key's partition, after what was sent there
     * before): a marker sent on the same key proves that what came before it was consumed.
     */
    static void sendOnKey(String key, UUID eventId, TrellisEvent event) {
        try {
            KafkaProbe.send(EventTypes.of(event.getClass()).topic(), key, eventId, EventTypes.typeOf(event.getClass()),
                    JSON.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends an invitation to a fresh member on {@code key} and waits until it counts: all before it was consumed. */
    static void markerAfter(String key) {
        UUID watcher = UUID.randomUUID();
        sendOnKey(key, UUID.randomUUID(), new InvitationSent(UUID.randomUUID(), UUID.randomUUID(), watcher, null, null, null, null, Instant.now(), null));
        awaitUntil(() -> myNetwork(watcher) == 1);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * connection-service's ConnectionMade for the pair, and waits until it is applied: only it (not an
     * InvitationAccepted) lets the two message each other and so be offered welcome / follow-up prompts.
     */
    static void connectionMade(UUID x, UUID y) {
        UUID[] p = x.compareTo(y) <= 0 ? new UUID[]{x, y} : new UUID[]{y, x};
        KafkaProbe.publish(new dev.trellis.events.connection.ConnectionMade(p[0], p[1], UUID.randomUUID(), Instant.now()));
        awaitUntil(() -> io.quarkus.arc.Arc.container().instance(dev.trellis.notification.application.MessagingService.class)
                .get().facts(x, y).connected());
    }

    @Test
    void an_invitation_counts_for_its_recipient_and_reads_with_the_senders_name_and_note() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(inv, alice, bob, "Hi Bob, great talk at the meetup", null, null, null, now(), null));

        awaitUntil(() -> myNetwork(bob) == 1);
        JsonPath b = badges(bob);
        assertEquals(0, b.getLong("messages"));
        assertEquals(0, b.getLong("notifications"));
        assertTrue(b.getLong("asOf") > 0);

        given().header("Authorization", TestTokens.bearer(bob)).get("/notifications")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].kind", equalTo("INVITATION_RECEIVED"))
                .body("items[0].category", equalTo("MY_NETWORK"))
                .body("items[0].text", equalTo("Alice Smith wants to connect: Hi Bob, great talk at the meetup"))
                .body("items[0].note", equalTo("Hi Bob, great talk at the meetup"))
                .body("items[0].actor.memberId", equalTo(alice.toString()))
                .body("items[0].actor.name", equalTo("Alice Smith"))
                .body("items[0].actor.headline", equalTo("Alice's headline"))
                .body("items[0].invitationId", equalTo(inv.toString()))
                .body("items[0].recommendationId", nullValue())
                .body("items[0].read", equalTo(false));
        // the sender is not notified of their own invitation
        assertEquals(0, myNetwork(alice));
        assertEquals(0, notifications(alice).getInt("total"));
    }

    @Test
    void seeing_the_tab_clears_what_was_counted_and_later_arrivals_keep_counting() {
        UUID alice = member("Alice", "Smith");
        UUID carol = member("Carol", "White");
        UUID bob = member("Bob", "Jones");
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), alice, bob, null, null, null, null, now(), null));
        awaitUntil(() -> myNetwork(bob) == 1);
        long shown = badges(bob).getLong("asOf");

        // arrives while Bob looks at the tab
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), carol, bob, null, null, null, null, now(), null));
        KafkaProbe.publish(new RecommendationWritten(UUID.randomUUID(), alice, bob, "colleague", null, "Bob is great", 1, now()));
        awaitUntil(() -> myNetwork(bob) == 2 && badges(bob).getLong("notifications") == 1);

        given().header("Authorization", TestTokens.bearer(bob)).post("/badges/my-network/seen?asOf=" + shown)
                .then().statusCode(200).body("myNetwork", equalTo(1)).body("notifications", equalTo(1));
        given().header("Authorization", TestTokens.bearer(bob)).post("/badges/my-network/seen")
                .then().statusCode(200).body("myNetwork", equalTo(0)).body("notifications", equalTo(1));
        given().header("Authorization", TestTokens.bearer(bob)).post("/badges/notifications/seen")
                .then().statusCode(200).body("myNetwork", equalTo(0)).body("notifications", equalTo(0))
                .body("asOf", equalTo(0));
        // seen is not read
        assertEquals(List.of(false, false, false), notifications(bob).getList("items.read"));
        given().header("Authorization", TestTokens.bearer(bob)).post("/badges/my-network/seen?asOf=-1")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void accepting_notifies_the_inviter_and_prompts_both_to_follow_up() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(inv, alice, bob, "Hi Bob", null, null, null, now(), null));
        awaitUntil(() -> myNetwork(bob) == 1);
        Instant acceptedAt = now();
        KafkaProbe.publish(new InvitationAccepted(inv, alice, bob, acceptedAt, false));
        connectionMade(alice, bob);

        awaitUntil(() -> myNetwork(alice) == 1);
        given().header("Authorization", TestTokens.bearer(alice)).get("/notifications")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].kind", equalTo("INVITATION_ACCEPTED"))
                .body("items[0].text", equalTo("Bob Jones accepted your invitation"))
                .body("items[0].actor.memberId", equalTo(bob.toString()))
                .body("items[0].invitationId", equalTo(inv.toString()));
        // the recipient's invitation is handled: seen and read
        assertEquals(0, myNetwork(bob));
        given().header("Authorization", TestTokens.bearer(bob)).get("/notifications")
                .then().body("total", equalTo(1)).body("items[0].read", equalTo(true));

        // the accepter is prompted to welcome the inviter, the inviter to follow up; both for 14 days
        JsonPath welcome = prompts(bob);
        assertEquals(1, welcome.getList("items").size());
        assertEquals("WELCOME_MESSAGE", welcome.getString("items[0].kind"));
        assertEquals(alice.toString(), welcome.getString("items[0].otherMemberId"));
        assertEquals("Alice Smith", welcome.getString("items[0].otherMemberName"));
        assertTrue(welcome.getString("items[0].message").startsWith("Thanks for connecting, Alice!"));
        assertEquals(acceptedAt.plus(Duration.ofDays(14)), Instant.parse(welcome.getString("items[0].expiresAt")));
        JsonPath followUp = prompts(alice);
        assertEquals("FOLLOW_UP", followUp.getString("items[0].kind"));
        assertEquals(bob.toString(), followUp.getString("items[0].otherMemberId"));
        assertTrue(followUp.getString("items[0].message").startsWith("Great to be connected, Bob."));

        // dismissing clears it; nobody else can dismiss it
        String promptId = welcome.getString("items[0].promptId");
        given().header("Authorization", TestTokens.bearer(alice)).post("/prompts/" + promptId + "/dismiss")
                .then().statusCode(404).contentType("application/problem+json").body("reason", equalTo("prompt-not-found"));
        given().header("Authorization", TestTokens.bearer(bob)).post("/prompts/" + promptId + "/dismiss")
                .then().statusCode(204);
        given().header("Authorization", TestTokens.bearer(bob)).get("/prompts").then().statusCode(200).body("items", empty());
        given().header("Authorization", TestTokens.bearer(alice)).get("/prompts").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void ignoring_tells_the_sender_nothing() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(inv, alice, bob, null, null, null, null, now(), null));
        awaitUntil(() -> myNetwork(bob) == 1);
        KafkaProbe.publish(new InvitationIgnored(inv, alice, bob, now()));

        awaitUntil(() -> notifications(bob).getBoolean("items[0].read"));
        assertEquals(0, myNetwork(bob));
        JsonPath a = badges(alice);
        assertEquals(0, a.getLong("myNetwork"));
        assertEquals(0, a.getLong("notifications"));
        assertEquals(0, notifications(alice).getInt("total"));
        assertEquals(List.of(), prompts(alice).getList("items"));
        assertEquals(List.of(), prompts(bob).getList("items"));
    }

    @Test
    void withdrawing_takes_the_invitation_back_out_of_the_recipients_badge_and_list() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(inv, alice, bob, "Hi", null, null, null, now(), null));
        awaitUntil(() -> myNetwork(bob) == 1);
        KafkaProbe.publish(new InvitationWithdrawn(inv, alice, bob, now()));

        awaitUntil(() -> myNetwork(bob) == 0);
        assertEquals(0, notifications(bob).getInt("total"));
        assertEquals(0, myNetwork(alice));
        assertEquals(0, notifications(alice).getInt("total"));
    }

    @Test
    void a_withdrawal_that_overtakes_its_invitation_keeps_it_from_counting() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new InvitationWithdrawn(inv, alice, bob, now()));
        KafkaProbe.publish(new InvitationSent(inv, alice, bob, "Hi", null, null, null, now().minusSeconds(60), null));
        markerAfter(inv.toString());
        assertEquals(0, myNetwork(bob));
        assertEquals(0, notifications(bob).getInt("total"));
    }

    @Test
    void an_acceptance_that_overtakes_its_invitation_leaves_it_handled() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID inv = UUID.randomUUID();
        KafkaProbe.publish(new InvitationAccepted(inv, alice, bob, now(), false));
        KafkaProbe.publish(new InvitationSent(inv, alice, bob, "Hi", null, null, null, now().minusSeconds(60), null));
        connectionMade(alice, bob);
        awaitUntil(() -> notifications(bob).getInt("total") == 1);
        assertEquals(0, myNetwork(bob));
        assertTrue(notifications(bob).getBoolean("items[0].read"));
        assertEquals(1, myNetwork(alice));
        assertEquals(1, prompts(bob).getList("items").size());
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID inv = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaProbe.publish(eventId, new InvitationSent(inv, alice, bob, "Hi", null, null, null, now(), null));
        awaitUntil(() -> myNetwork(bob) == 1);

        // the same event id again (a redelivery): even with other data it must not be applied
        KafkaProbe.publish(eventId, new InvitationSent(inv, alice, bob, "Hi", null, null, null, now(), null));
        sendOnKey(inv.toString(), eventId, new InvitationSent(UUID.randomUUID(), alice, bob, "Hi again", null, null, null, now(), null));
        markerAfter(inv.toString());
        assertEquals(1, myNetwork(bob));
        assertEquals(1, notifications(bob).getInt("total"));

        // a redelivered acceptance does not bring back a dismissed prompt, nor count twice
        UUID accepted = UUID.randomUUID();
        KafkaProbe.publish(accepted, new InvitationAccepted(inv, alice, bob, now(), false));
        connectionMade(alice, bob);
        awaitUntil(() -> prompts(bob).getList("items").size() == 1);
        given().header("Authorization", TestTokens.bearer(bob)).post("/prompts/" + prompts(bob).getString("items[0].promptId") + "/dismiss")
                .then().statusCode(204);
        KafkaProbe.publish(accepted, new InvitationAccepted(inv, alice, bob, now(), false));
        markerAfter(inv.toString());
        assertEquals(List.of(), prompts(bob).getList("items"));
        assertEquals(1, myNetwork(alice));
    }

    @Test
    void a_recommendation_counts_in_the_notifications_badge() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID rec = UUID.randomUUID();
        KafkaProbe.publish(new RecommendationWritten(rec, alice, bob, "colleague", null, "Bob is a great engineer", 1, now()));
        awaitUntil(() -> badges(bob).getLong("notifications") == 1);
        assertEquals(0, myNetwork(bob));
        given().header("Authorization", TestTokens.bearer(bob)).get("/notifications")
                .then().statusCode(200)
                .body("items[0].kind", equalTo("RECOMMENDATION_RECEIVED"))
                .body("items[0].category", equalTo("NOTIFICATIONS"))
                .body("items[0].text", equalTo("Alice Smith wrote you a recommendation"))
                .body("items[0].recommendationId", equalTo(rec.toString()))
                .body("items[0].invitationId", nullValue());
    }

    @Test
    void names_are_rendered_when_read_so_a_profile_arriving_later_still_names_the_actor() {
        UUID dave = UUID.randomUUID(); // not known yet
        UUID bob = member("Bob", "Jones");
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), dave, bob, null, null, null, null, now(), null));
        awaitUntil(() -> myNetwork(bob) == 1);
        given().header("Authorization", TestTokens.bearer(bob)).get("/notifications")
                .then().body("items[0].text", equalTo("A member wants to connect"))
                .body("items[0].actor.name", equalTo("A member"))
                .body("items[0].actor.memberId", equalTo(dave.toString()));
        KafkaProbe.publish(new ProfileCreated(dave, "Dave", "Brown", null, Instant.now()));
        awaitUntil(() -> "Dave Brown wants to connect".equals(notifications(bob).getString("items[0].text")));
    }

    @Test
    void prompts_expire_fourteen_days_after_the_acceptance() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID old = UUID.randomUUID();
        KafkaProbe.publish(new InvitationAccepted(old, alice, bob, now().minus(Duration.ofDays(15)), false));
        awaitUntil(() -> myNetwork(alice) == 1);
        assertEquals(List.of(), prompts(bob).getList("items"));
        assertEquals(List.of(), prompts(alice).getList("items"));
    }

    @Test
    void reading_marks_one_or_all_as_read_and_seen() {
        UUID alice = member("Alice", "Smith");
        UUID carol = member("Carol", "White");
        UUID bob = member("Bob", "Jones");
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), alice, bob, null, null, null, null, now(), null));
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), carol, bob, null, null, null, null, now(), null));
        awaitUntil(() -> myNetwork(bob) == 2);
        String first = notifications(bob).getString("items[0].notificationId");

        given().header("Authorization", TestTokens.bearer(bob)).post("/notifications/" + first + "/read")
                .then().statusCode(200).body("notificationId", equalTo(first)).body("read", equalTo(true));
        assertEquals(1, myNetwork(bob));
        given().header("Authorization", TestTokens.bearer(bob)).post("/notifications/read-all")
                .then().statusCode(200).body("myNetwork", equalTo(0)).body("asOf", equalTo(0));
        assertEquals(List.of(true, true), notifications(bob).getList("items.read"));
    }

    @Test
    void someone_elses_notification_is_not_found() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), alice, bob, null, null, null, null, now(), null));
        awaitUntil(() -> myNetwork(bob) == 1);
        String id = notifications(bob).getString("items[0].notificationId");
        given().header("Authorization", TestTokens.bearer(alice)).post("/notifications/" + id + "/read")
                .then().statusCode(404).contentType("application/problem+json")
                .body("reason", equalTo("notification-not-found"));
        given().header("Authorization", TestTokens.bearer(alice)).post("/notifications/" + UUID.randomUUID() + "/read")
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearer(alice)).post("/prompts/" + UUID.randomUUID() + "/dismiss")
                .then().statusCode(404);
        // and it is still unread for Bob
        assertEquals(1, myNetwork(bob));
    }

    @Test
    void without_a_token_everything_is_401_and_bad_paging_is_422() {
        for (String path : List.of("/badges", "/notifications", "/prompts")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
        }
        for (String path : List.of("/badges/my-network/seen", "/badges/notifications/seen", "/notifications/read-all",
                "/notifications/" + UUID.randomUUID() + "/read", "/prompts/" + UUID.randomUUID() + "/dismiss")) {
            given().post(path).then().statusCode(401).contentType("application/problem+json");
        }
        given().header("Authorization", TestTokens.bearer(UUID.randomUUID())).get("/notifications?size=1000")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().header("Authorization", TestTokens.bearer(UUID.randomUUID())).get("/badges")
                .then().statusCode(200).body("$", equalTo(Map.of("myNetwork", 0, "messages", 0, "notifications", 0, "asOf", 0)));
    }

    @Test
    void the_list_is_newest_first_and_paged() {
        UUID bob = member("Bob", "Jones");
        Instant t = now();
        for (int i = 0; i < 3; i++) {
            KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), UUID.randomUUID(), bob, "note " + i, null, null, null, t.plusSeconds(i), null));
        }
        awaitUntil(() -> myNetwork(bob) == 3);
        given().header("Authorization", TestTokens.bearer(bob)).get("/notifications?size=2")
                .then().statusCode(200).body("total", equalTo(3)).body("size", equalTo(2))
                .body("items.note", equalTo(List.of("note 2", "note 1")));
        given().header("Authorization", TestTokens.bearer(bob)).get("/notifications?size=2&page=1")
                .then().statusCode(200).body("items.note", equalTo(List.of("note 0")));
        given().header("Authorization", TestTokens.bearer(bob)).get("/notifications?size=2&page=2")
                .then().statusCode(200).body("items", empty()).body("total", equalTo(3));
    }
}
