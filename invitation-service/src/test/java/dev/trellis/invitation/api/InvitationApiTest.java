package dev.trellis.invitation.api;

import dev.trellis.events.Topics;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.invitation.store.MemberEntity;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** REST -> event store -> Kafka, and Kafka -> projection, against the in-JVM broker and the local PostgreSQL. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_invitation_test"))
class InvitationApiTest {

    /** A member known to invitation-service through a ProfileCreated event on Kafka. */
    static UUID member(String first) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, "Test", null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> MemberEntity.findById(id) != null));
        return id;
    }

    static String invite(UUID from, UUID to, String note) {
        return given().header("Authorization", TestTokens.bearer(from)).contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + to + "\",\"note\":" + (note == null ? "null" : "\"" + note + "\"") + "}")
                .post("/invitations")
                .then().statusCode(201).extract().path("invitationId");
    }

    @Test
    void an_invitation_is_stored_and_published_as_a_cloud_event_with_its_metadata() {
        UUID alice = member("Alice");
        UUID bob = member("Bob");
        String id = given().header("Authorization", TestTokens.bearer(alice)).header("X-Correlation-ID", "corr-123")
                .contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + bob + "\",\"note\":\"  Hi Bob, great talk at the meetup  \"}")
                .post("/invitations")
                .then().statusCode(201)
                .header("X-Correlation-ID", "corr-123")
                .body("status", equalTo("pending"))
                .body("note", equalTo("Hi Bob, great talk at the meetup"))
                .extract().path("invitationId");

        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.clear();
            found.addAll(KafkaProbe.find(Topics.INVITATION, "trellis.invitation.InvitationSent.v1", r -> id.equals(r.key())));
            return !found.isEmpty();
        });
        ConsumerRecord<String, String> r = found.get(0);
        assertEquals(1, found.size());
        assertEquals(id, KafkaProbe.header(r, "ce_subject"));
        assertEquals("corr-123", KafkaProbe.header(r, "ce_correlationid"));
        assertEquals(alice.toString(), KafkaProbe.header(r, "ce_actor"));
        assertEquals("//trellis/invitation", KafkaProbe.header(r, "ce_source"));
        assertNotNull(KafkaProbe.header(r, "ce_id"));
        InvitationSent sent = KafkaProbe.payload(r, InvitationSent.class);
        assertEquals(new InvitationSent(UUID.fromString(id), alice, bob, "Hi Bob, great talk at the meetup", null, null,
                null, sent.sentAt(), sent.expiresAt()), sent);
        assertEquals(sent.sentAt().plus(Duration.ofDays(182)), sent.expiresAt());

        // the recipient sees it among received invitations, the sender among sent ones
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/received")
                .then().statusCode(200).body("items.invitationId", hasItem(id)).body("total", equalTo(1));
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/sent")
                .then().statusCode(200).body("items.invitationId", hasItem(id));
    }

    @Test
    void accepting_publishes_InvitationAccepted_and_a_second_answer_is_a_409() {
        UUID alice = member("Alice");
        UUID bob = member("Bob");
        String id = invite(alice, bob, null);
        given().header("Authorization", TestTokens.bearer(alice)).post("/invitations/" + id + "/accept")
                .then().statusCode(403).contentType("application/problem+json").body("reason", equalTo("not-the-recipient"));
        given().header("Authorization", TestTokens.bearer(bob)).post("/invitations/" + id + "/accept")
                .then().statusCode(200).body("status", equalTo("accepted"));
        given().header("Authorization", TestTokens.bearer(bob)).post("/invitations/" + id + "/ignore")
                .then().statusCode(409).body("reason", equalTo("invitation-not-pending"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !KafkaProbe.find(Topics.INVITATION,
                "trellis.invitation.InvitationAccepted.v1", r -> id.equals(r.key())).isEmpty());
        ConsumerRecord<String, String> r = KafkaProbe.find(Topics.INVITATION,
                "trellis.invitation.InvitationAccepted.v1", x -> id.equals(x.key())).get(0);
        InvitationAccepted a = KafkaProbe.payload(r, InvitationAccepted.class);
        assertEquals(alice, a.fromMemberId());
        assertEquals(bob, a.toMemberId());
    }

    @Test
    void ignoring_is_invisible_to_the_sender() {
        UUID alice = member("Alice");
        UUID bob = member("Bob");
        String id = invite(alice, bob, "Hello");
        given().header("Authorization", TestTokens.bearer(bob)).post("/invitations/" + id + "/ignore")
                .then().statusCode(200).body("status", equalTo("ignored"));
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/" + id)
                .then().statusCode(200).body("status", equalTo("pending"));
        given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/sent")
                .then().statusCode(200).body("items.invitationId", hasItem(id));
        // and she cannot send a second one while hers "is pending"
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + bob + "\"}").post("/invitations")
                .then().statusCode(409).body("reason", equalTo("invitation-already-pending"));
    }

    @Test
    void withdrawing_removes_the_recipients_copy() {
        UUID alice = member("Alice");
        UUID bob = member("Bob");
        String id = invite(alice, bob, null);
        given().header("Authorization", TestTokens.bearer(bob)).post("/invitations/" + id + "/withdraw")
                .then().statusCode(403).body("reason", equalTo("not-the-sender"));
        given().header("Authorization", TestTokens.bearer(alice)).post("/invitations/" + id + "/withdraw")
                .then().statusCode(200).body("status", equalTo("withdrawn"));
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/" + id)
                .then().statusCode(404).body("reason", equalTo("invitation-not-found"));
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/received")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void refusals_are_problem_json_with_a_reason() {
        UUID alice = member("Alice");
        UUID bob = member("Bob");
        String auth = TestTokens.bearer(alice);
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"toMemberId\":\"" + alice + "\"}")
                .post("/invitations").then().statusCode(422).contentType("application/problem+json")
                .body("reason", equalTo("cannot-invite-yourself"));
        given().header("Authorization", auth).contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + bob + "\",\"note\":\"" + "x".repeat(301) + "\"}")
                .post("/invitations").then().statusCode(422).body("reason", equalTo("note-too-long"));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"note\":\"hi\"}")
                .post("/invitations").then().statusCode(400).body("errors.field", hasItem("toMemberId"));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"toMemberId\":\"not-a-uuid\"}")
                .post("/invitations").then().statusCode(400).body("errors.field", hasItem("toMemberId"));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"toMemberId\":")
                .post("/invitations").then().statusCode(400).body("reason", equalTo("malformed-request"));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"toMemberId\":\"" + UUID.randomUUID() + "\"}")
                .post("/invitations").then().statusCode(404).body("reason", equalTo("member-not-found"));
        given().contentType(ContentType.JSON).body("{\"toMemberId\":\"" + bob + "\"}")
                .post("/invitations").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", auth).get("/invitations/received?size=1000")
                .then().statusCode(400).body("errors.field", hasItem("size"));
        given().header("Authorization", auth).get("/invitations/received?page=x")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("page"));
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void a_redelivered_profile_event_changes_nothing() {
        UUID carol = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaProbe.publish(eventId, new ProfileCreated(carol, "Carol", "First", null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> MemberEntity.findById(carol) != null));
        // the same event id again (a redelivery), carrying different data: it must not be applied
        KafkaProbe.publish(eventId, new ProfileCreated(carol, "Changed", "Again", null, Instant.now()));
        UUID marker = member("Marker"); // published after the duplicate on... another key: wait until consumed
        assertNotNull(marker);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        String first = QuarkusTransaction.requiringNew().call(() -> ((MemberEntity) MemberEntity.findById(carol)).firstName);
        assertEquals("Carol", first);
    }

    @Test
    void of_two_concurrent_accepts_exactly_one_wins_and_the_other_gets_409() throws Exception {
        UUID alice = member("Alice");
        for (int round = 0; round < 5; round++) {
            UUID bob = member("Bob" + round);
            String id = invite(alice, bob, null);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Integer> accept = () -> given().header("Authorization", TestTokens.bearer(bob))
                        .post("/invitations/" + id + "/accept").then().extract().statusCode();
                Callable<Integer> withdraw = () -> given().header("Authorization", TestTokens.bearer(alice))
                        .post("/invitations/" + id + "/withdraw").then().extract().statusCode();
                List<Future<Integer>> results = pool.invokeAll(List.of(accept, round % 2 == 0 ? accept : withdraw));
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : results) {
                    codes.add(f.get());
                }
                codes.sort(Integer::compareTo);
                assertEquals(List.of(200, 409), codes, "round " + round);
            } finally {
                pool.shutdown();
            }
            // whoever lost, the invitation is no longer pending
            String status = given().header("Authorization", TestTokens.bearer(alice)).get("/invitations/" + id)
                    .then().statusCode(200).extract().path("status");
            assertFalse(status.equals("pending"));
        }
    }
}
