package dev.trellis.invitation.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.MemberBlocked;
import dev.trellis.events.connection.MemberUnblocked;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationReminderDue;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.invitation.application.InvitationService;
import dev.trellis.invitation.application.InvitationSweeper;
import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.invitation.store.MemberEntity;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestClock;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule a member meets when connecting, driven over HTTP against the real broker and database. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_invitation_test"))
class InvitationRulesApiTest {
    @Inject
    TestClock clock;
    @Inject
    InvitationSweeper sweeper;
    @Inject
    InvitationService service;
    @Inject
    InvitationQueries queries;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static UUID member(String first, String last) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, last, first + " at Acme", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> MemberEntity.findById(id) != null));
        return id;
    }

    static Response post(UUID as, String path, String body) {
        var r = given().header("Authorization", TestTokens.bearer(as));
        if (body != null) {
            r = r.contentType(ContentType.JSON).body(body);
        }
        return r.post(path);
    }

    static Response invite(UUID from, UUID to, String extra) {
        return post(from, "/invitations", "{\"toMemberId\":\"" + to + "\"" + (extra == null ? "" : "," + extra) + "}");
    }

    static String invited(UUID from, UUID to) {
        return invite(from, to, null).then().statusCode(201).extract().path("invitationId");
    }

    void connect(UUID a, UUID b) {
        KafkaProbe.publish(new ConnectionMade(a, b, UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> queries.connected(a, b)));
    }

    @Test
    void inviting_back_accepts_the_pending_invitation_instead() {
        UUID alice = member("Alice", "Mutual");
        UUID bob = member("Bob", "Mutual");
        String id = invited(alice, bob);
        invite(bob, alice, "\"note\":\"hi\"").then().statusCode(200)
                .body("invitationId", equalTo(id)).body("status", equalTo("accepted")).body("mutual", equalTo(true));
        await().atMost(Duration.ofSeconds(20)).until(() -> KafkaProbe.find(Topics.INVITATION,
                "trellis.invitation.InvitationAccepted.v1", r -> id.equals(r.key())).stream()
                .map(r -> KafkaProbe.payload(r, InvitationAccepted.class)).anyMatch(InvitationAccepted::mutual));
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/sent?status=all")
                .then().body("total", equalTo(0)); // no second invitation was created
    }

    @Test
    void a_note_with_a_character_postgresql_cannot_store_is_a_400_not_a_500() {
        UUID alice = member("Alice", "Nul");
        UUID bob = member("Bob", "Nul");
        invite(alice, bob, "\"note\":\"hi \\u0000 there\"").then().statusCode(400)
                .contentType("application/problem+json").body("reason", equalTo("invalid-character"));
        invite(alice, bob, "\"note\":\"hi there\"").then().statusCode(201);
    }

    @Test
    void already_connected_members_cannot_invite_each_other() {
        UUID alice = member("Alice", "Connected");
        UUID bob = member("Bob", "Connected");
        connect(alice, bob);
        invite(alice, bob, null).then().statusCode(409).body("reason", equalTo("already-connected"));
    }

    @Test
    void blocks_refuse_invitations_both_ways_until_lifted() {
        UUID alice = member("Alice", "Blocker");
        UUID bob = member("Bob", "Blocked");
        KafkaProbe.publish(new MemberBlocked(alice, bob, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> queries.blockedEitherWay(alice, bob)));
        // the one neutral refusal, the same both ways: nothing says who blocked whom, nor that anyone did
        invite(alice, bob, null).then().statusCode(403).contentType("application/problem+json")
                .body("reason", equalTo("not-possible")).body("detail", equalTo("this is not possible with this member"));
        invite(bob, alice, null).then().statusCode(403).body("reason", equalTo("not-possible"));
        KafkaProbe.publish(new MemberUnblocked(alice, bob, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> !QuarkusTransaction.requiringNew().call(() -> queries.blockedEitherWay(alice, bob)));
        invite(bob, alice, null).then().statusCode(201);
    }

    @Test
    void a_withdrawal_starts_a_21_day_cooldown_to_that_member() {
        UUID alice = member("Alice", "Cooldown");
        UUID bob = member("Bob", "Cooldown");
        String id = invited(alice, bob);
        post(alice, "/invitations/" + id + "/withdraw", null).then().statusCode(200);
        invite(alice, bob, null).then().statusCode(422).body("reason", equalTo("reinvite-cooldown"))
                .body("detail", containsString("again from"));
        clock.advance(Duration.ofDays(20));
        invite(alice, bob, null).then().statusCode(422).body("reason", equalTo("reinvite-cooldown"));
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        invite(alice, bob, null).then().statusCode(201);
    }

    @Test
    void I_dont_know_this_person_is_hidden_from_the_sender_and_ends_their_invitations() {
        UUID alice = member("Alice", "Stranger");
        UUID bob = member("Bob", "Stranger");
        String id = invited(alice, bob);
        post(bob, "/invitations/" + id + "/decline-as-unknown", null).then().statusCode(200)
                .body("status", equalTo("declined_as_unknown"));
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/" + id)
                .then().body("status", equalTo("pending")).body("answeredAt", equalTo(null));
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/received").then().body("total", equalTo(0));
        post(alice, "/invitations/" + id + "/withdraw", null).then().statusCode(200);
        clock.advance(Duration.ofDays(30));
        // the re-invite is answered like any other (it never reaches Bob: see InvitationPrivacyApiTest)
        invite(alice, bob, null).then().statusCode(201).body("status", equalTo("pending"));
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/received").then().body("total", equalTo(0));
        invite(bob, alice, null).then().statusCode(201); // the other way round is fine
    }

    @Test
    void the_connection_cap_applies_to_both_sides() {
        // the test profile sets the cap to 3
        UUID alice = member("Alice", "Popular");
        UUID bob = member("Bob", "Newcomer");
        for (int i = 0; i < 3; i++) {
            connect(alice, member("Friend" + i, "Popular"));
        }
        invite(alice, bob, null).then().statusCode(422).body("reason", equalTo("connection-limit-reached"));
        invite(bob, alice, null).then().statusCode(422).body("reason", equalTo("recipient-connection-limit-reached"));
    }

    @Test
    void how_we_know_each_other_and_mutual_connections_are_shown_to_the_recipient() {
        UUID alice = member("Alice", "Context");
        UUID bob = member("Bob", "Context");
        UUID carol = member("Carol", "Context");
        connect(alice, carol);
        connect(bob, carol);
        String id = invite(alice, bob, "\"note\":\"Hi Bob\",\"relationship\":\"colleague\",\"context\":\"Acme\"")
                .then().statusCode(201).extract().path("invitationId");
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/received").then().statusCode(200)
                .body("items[0].invitationId", equalTo(id))
                .body("items[0].from.firstName", equalTo("Alice"))
                .body("items[0].from.headline", equalTo("Alice at Acme"))
                .body("items[0].note", equalTo("Hi Bob"))
                .body("items[0].relationship", equalTo("colleague"))
                .body("items[0].context", equalTo("Acme"))
                .body("items[0].mutualConnections", equalTo(1));
        invite(alice, carol, "\"relationship\":\"drinking-buddy\"").then().statusCode(422)
                .body("reason", equalTo("unknown-relationship"));
    }

    @Test
    void templates_are_listed_rendered_from_profiles_and_refused_when_unfilled() {
        UUID alice = member("Alice", "Template");
        UUID bob = member("Bob", "Template");
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/templates").then().statusCode(200)
                .body("id", hasItem("former-colleague")).body("id", hasItem("met-at-event"));
        post(alice, "/invitations/templates/former-colleague/render?to=" + bob, "{\"company\":\"Acme\"}")
                .then().statusCode(200)
                .body("note", equalTo("Hi Bob, it was great working with you at Acme. I'd like to stay in touch here. - Alice"));
        post(alice, "/invitations/templates/former-colleague/render?to=" + bob, "{}")
                .then().statusCode(422).body("reason", equalTo("unfilled-placeholder")).body("detail", containsString("company"));
        post(alice, "/invitations/templates/nope/render?to=" + bob, "{}").then().statusCode(404);
        invite(alice, bob, "\"templateId\":\"met-at-event\"").then().statusCode(422).body("reason", equalTo("unfilled-placeholder"));
        invite(alice, bob, "\"templateId\":\"met-at-event\",\"templateValues\":{\"event\":\"KubeCon\"}").then().statusCode(201)
                .body("note", equalTo("Hi Bob, it was a pleasure meeting you at KubeCon. Let's keep the conversation going here. - Alice"));
    }

    @Test
    void bulk_invites_report_each_member_and_the_weekly_quota_stops_the_101st() {
        UUID alice = member("Alice", "Bulk");
        List<UUID> contacts = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            UUID id = UUID.randomUUID();
            KafkaProbe.publish(new ProfileCreated(id, "Contact" + i, "Bulk", null, Instant.now()));
            contacts.add(id);
        }
        UUID last = contacts.get(100);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> contacts.stream().allMatch(queries::memberExists)));
        String ids = contacts.subList(0, 99).stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(","));
        post(alice, "/invitations/bulk", "{\"toMemberIds\":[" + ids + ",\"" + alice + "\"],\"note\":\"Let's connect\"}")
                .then().statusCode(200).body("sent", equalTo(99)).body("refused", equalTo(1))
                .body("results.find { it.toMemberId == '" + alice + "' }.reason", equalTo("cannot-invite-yourself"));
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/standing").then().statusCode(200)
                .body("quota", equalTo(100)).body("used", equalTo(99)).body("remaining", equalTo(1))
                .body("resetsAt", notNullValue()).body("reasons[0]", containsString("standard weekly limit"));
        post(alice, "/invitations/bulk", "{\"toMemberIds\":[\"" + contacts.get(99) + "\",\"" + last + "\"]}")
                .then().statusCode(200).body("sent", equalTo(1))
                .body("results[1].reason", equalTo("weekly-invitation-limit"));
        invite(alice, last, null).then().statusCode(429).header("Retry-After", notNullValue())
                .body("reason", equalTo("weekly-invitation-limit"));
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        invite(alice, last, null).then().statusCode(201);
        post(alice, "/invitations/bulk", "{\"toMemberIds\":[]}").then().statusCode(400);
        String tooMany = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(","));
        post(alice, "/invitations/bulk", "{\"toMemberIds\":[" + tooMany + "]}").then().statusCode(400)
                .body("errors.field", hasItem("toMemberIds"));
    }

    @Test
    void reminders_after_7_and_14_days_then_expiry_after_6_months() {
        UUID alice = member("Alice", "Patient");
        UUID bob = member("Bob", "Busy");
        String id = invited(alice, bob);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        sweeper.sweep();
        clock.advance(Duration.ofDays(7));
        sweeper.sweep();
        sweeper.sweep(); // nothing more
        await().atMost(Duration.ofSeconds(20)).until(() -> KafkaProbe.find(Topics.INVITATION,
                "trellis.invitation.InvitationReminderDue.v1", r -> id.equals(r.key())).size() == 2);
        List<Integer> numbers = KafkaProbe.find(Topics.INVITATION, "trellis.invitation.InvitationReminderDue.v1",
                r -> id.equals(r.key())).stream().map(r -> KafkaProbe.payload(r, InvitationReminderDue.class).reminder()).toList();
        assertEquals(List.of(1, 2), numbers);
        clock.advance(Duration.ofDays(182));
        sweeper.sweep();
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/" + id).then().body("status", equalTo("expired"));
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/" + id).then().statusCode(404);
        post(bob, "/invitations/" + id + "/accept", null).then().statusCode(409).body("reason", equalTo("invitation-not-pending"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !KafkaProbe.find(Topics.INVITATION,
                "trellis.invitation.InvitationExpired.v1", r -> id.equals(r.key())).isEmpty());
        invite(alice, bob, null).then().statusCode(201); // an expired invitation does not block a new one
    }

    @Test
    void accept_racing_the_expiry_sweep_never_yields_both() throws Exception {
        UUID alice = member("Alice", "Racer");
        for (int round = 0; round < 6; round++) {
            UUID bob = member("Bob" + round, "Racer");
            String id = invited(alice, bob);
            // right at the expiry boundary: the sweep and the member race on the stream version
            clock.advance(Duration.ofDays(182).minusMillis(round * 40L));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> accept = pool.submit(() -> post(bob, "/invitations/" + id + "/accept", null).statusCode());
                Future<Integer> sweep = pool.submit(() -> service.tick(UUID.fromString(id)));
                int code = accept.get();
                try {
                    sweep.get();
                } catch (Exception lostTheRace) {
                    // the sweep lost on the stream version: fine, the next sweep looks again
                }
                sweeper.sweep();
                String status = given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/" + id)
                        .then().extract().path("status");
                assertTrue(code == 200 || code == 409, "accept answered " + code);
                assertEquals(code == 200 ? "accepted" : "expired", status, "round " + round);
                List<String> types = QuarkusTransaction.requiringNew().call(() -> storeTypes(id));
                assertFalse(types.contains("trellis.invitation.InvitationAccepted.v1")
                        && types.contains("trellis.invitation.InvitationExpired.v1"), types.toString());
            } finally {
                pool.shutdown();
                clock.reset();
            }
        }
    }

    @Inject
    jakarta.persistence.EntityManager em;

    @SuppressWarnings("unchecked")
    List<String> storeTypes(String id) {
        return em.createNativeQuery("SELECT event_type FROM event_store WHERE stream_id = ?1 ORDER BY stream_version")
                .setParameter(1, "invitation-" + id).getResultList();
    }

    @Test
    void sent_lists_pending_or_all_with_status() {
        UUID alice = member("Alice", "Lister");
        UUID bob = member("Bob", "Lister");
        UUID carol = member("Carol", "Lister");
        String toBob = invited(alice, bob);
        String toCarol = invited(alice, carol);
        post(carol, "/invitations/" + toCarol + "/accept", null).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/sent")
                .then().body("total", equalTo(1)).body("items[0].invitationId", equalTo(toBob));
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/sent?status=all")
                .then().body("total", equalTo(2)).body("items.status", hasItem("accepted"));
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/sent?status=weird")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }
}
