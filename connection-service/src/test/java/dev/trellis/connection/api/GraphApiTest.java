package dev.trellis.connection.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.MemberPair;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Kafka (InvitationAccepted) -> graph tables -> ConnectionMade on Kafka, and the graph over REST. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class GraphApiTest {

    static UUID member(String first, String last) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, last, first + "'s headline", Instant.now()));
        return id;
    }

    static void awaitDegree(UUID a, UUID b, Integer degree) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/degree/" + b)
                        .then().statusCode(200).body("degree", equalTo(degree)));
    }

    static List<ConsumerRecord<String, String>> connectionsMade(UUID a, UUID b) {
        return KafkaProbe.find(Topics.CONNECTION, "trellis.connection.ConnectionMade.v1",
                r -> MemberPair.key(a, b).equals(r.key()));
    }

    @Test
    void an_accepted_invitation_becomes_a_two_way_connection_and_a_ConnectionMade_event() {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        UUID invitation = UUID.randomUUID();
        KafkaProbe.publish(new InvitationAccepted(invitation, alice, bob, Instant.now(), false));

        awaitDegree(alice, bob, 1);
        awaitDegree(bob, alice, 1);
        given().header("Authorization", TestTokens.bearer(alice)).get("/members/" + alice + "/degree/" + bob)
                .then().body("label", equalTo("1st"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(alice)).get("/members/" + alice + "/connections")
                        .then().statusCode(200).body("total", equalTo(1))
                        .body("items[0].memberId", equalTo(bob.toString()))
                        .body("items[0].firstName", equalTo("Bob")));
        await().atMost(Duration.ofSeconds(20)).until(() -> connectionsMade(alice, bob).size() == 1);
        ConnectionMade made = KafkaProbe.payload(connectionsMade(alice, bob).get(0), ConnectionMade.class);
        assertEquals(invitation, made.invitationId());
        assertEquals(MemberPair.key(alice, bob), KafkaProbe.header(connectionsMade(alice, bob).get(0), "ce_subject"));
    }

    @Test
    void a_redelivered_acceptance_and_a_second_acceptance_change_nothing() {
        UUID alice = member("Alice", "Redelivered");
        UUID bob = member("Bob", "Redelivered");
        UUID eventId = UUID.randomUUID();
        InvitationAccepted accepted = new InvitationAccepted(UUID.randomUUID(), alice, bob, Instant.now(), false);
        KafkaProbe.publish(eventId, accepted);
        awaitDegree(alice, bob, 1);
        KafkaProbe.publish(eventId, accepted); // same event id: a redelivery
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), bob, alice, Instant.now(), false)); // a mutual one
        // a marker on the same partition key order is not guaranteed across keys: wait for a later effect instead
        UUID carol = member("Carol", "Marker");
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), alice, carol, Instant.now(), false));
        awaitDegree(alice, carol, 1);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertEquals(1, connectionsMade(alice, bob).size());
        given().header("Authorization", TestTokens.bearer(alice)).get("/members/" + alice + "/connections/count")
                .then().body("count", equalTo(2));
        given().header("Authorization", TestTokens.bearer(bob)).get("/members/" + bob + "/connections/count")
                .then().body("count", equalTo(1));
    }

    @Test
    void degrees_mutuals_and_sorting() {
        UUID a = member("Ann", "Zed");
        UUID b = member("Ben", "Young");
        UUID c = member("Cid", "Xu");
        UUID d = member("Dee", "Wu");
        UUID e = member("Eve", "Vo");
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), a, b, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), b, c, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), c, d, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), a, e, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), e, c, Instant.now(), false));
        awaitDegree(c, d, 1);
        awaitDegree(e, c, 1);
        awaitDegree(a, c, 2);
        awaitDegree(a, d, 3);
        awaitDegree(a, e, 1);
        given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/degree/" + d)
                .then().body("label", equalTo("3rd"));
        given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/mutual/" + c)
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.firstName", contains("Ben", "Eve"));
        given().header("Authorization", TestTokens.bearer(c)).get("/members/" + c + "/connections?sort=lastName")
                .then().body("items.lastName", contains("Vo", "Wu", "Young"));
        given().header("Authorization", TestTokens.bearer(c)).get("/members/" + c + "/connections?sort=firstName&size=2")
                .then().body("items.firstName", contains("Ben", "Dee")).body("total", equalTo(3));
        given().header("Authorization", TestTokens.bearer(c)).get("/members/" + c + "/connections?sort=shoeSize")
                .then().statusCode(400).body("errors[0].field", equalTo("sort"));
        given().get("/members/" + c + "/connections").then().statusCode(401);
        UUID loner = member("Lou", "Loner");
        awaitDegree(a, loner, null);
        given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/degree/" + loner)
                .then().body("degree", nullValue()).body("label", equalTo("out-of-network"));
        given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/degree/" + UUID.randomUUID())
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
    }
}
