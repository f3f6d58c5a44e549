package dev.trellis.connection.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberBlocked;
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
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Removing a connection and blocking, over HTTP, with the events other services rely on. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class PairApiTest {

    static UUID member(String first) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, "Pair", null, Instant.now()));
        return id;
    }

    static void connect(UUID a, UUID b) {
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), a, b, Instant.now(), false));
        awaitDegree(a, b, 1);
    }

    static void awaitDegree(UUID a, UUID b, Integer degree) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/degree/" + b)
                        .then().statusCode(200).body("degree", equalTo(degree)));
    }

    static <T> List<T> events(UUID a, UUID b, String type, Class<T> javaType) {
        return KafkaProbe.find(Topics.CONNECTION, type, r -> MemberPair.key(a, b).equals(r.key())).stream()
                .map(r -> KafkaProbe.payload(r, javaType)).toList();
    }

    @Test
    void either_member_removes_a_connection_and_ConnectionRemoved_is_published() {
        UUID alice = member("Alice");
        UUID bob = member("Bob");
        connect(alice, bob);
        given().header("Authorization", TestTokens.bearer(bob)).delete("/connections/" + alice).then().statusCode(204);
        given().header("Authorization", TestTokens.bearer(alice)).get("/members/" + alice + "/degree/" + bob)
                .then().body("degree", equalTo(null));
        given().header("Authorization", TestTokens.bearer(alice)).get("/members/" + alice + "/connections/count")
                .then().body("count", equalTo(0));
        given().header("Authorization", TestTokens.bearer(bob)).delete("/connections/" + alice).then().statusCode(404)
                .contentType("application/problem+json").body("reason", equalTo("not-connected"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                events(alice, bob, "trellis.connection.ConnectionRemoved.v1", ConnectionRemoved.class).size() == 1);
        assertEquals(bob, events(alice, bob, "trellis.connection.ConnectionRemoved.v1", ConnectionRemoved.class).get(0).removedBy());
        connect(alice, bob); // they may connect again through a new invitation
    }

    @Test
    void blocking_removes_the_connection_and_keeps_them_apart_until_unblocked() {
        UUID alice = member("Alice");
        UUID bob = member("Bob");
        connect(alice, bob);
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + bob + "\"}").post("/blocks").then().statusCode(204);
        awaitDegree(alice, bob, null);
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + bob + "\"}").post("/blocks").then().statusCode(409).body("reason", equalTo("already-blocked"));
        given().header("Authorization", TestTokens.bearer(alice)).get("/blocks").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].memberId", equalTo(bob.toString()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                events(alice, bob, "trellis.connection.MemberBlocked.v1", MemberBlocked.class).size() == 1
                        && events(alice, bob, "trellis.connection.ConnectionRemoved.v1", ConnectionRemoved.class).size() == 1);

        // an invitation accepted meanwhile (in flight when the block happened) does not reconnect them
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), bob, alice, Instant.now(), false));
        UUID carol = member("Carol");
        connect(alice, carol); // later event on another pair: the consumer went past the one above
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        given().header("Authorization", TestTokens.bearer(alice)).get("/members/" + alice + "/degree/" + bob)
                .then().body("degree", equalTo(null));
    }

    @Test
    void unblocking_lifts_only_your_own_block_and_does_not_reconnect() {
        UUID alice = member("Alice");
        UUID bob = member("Bob");
        given().header("Authorization", TestTokens.bearer(alice)).delete("/blocks/" + bob).then().statusCode(404)
                .body("reason", equalTo("not-blocked"));
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + alice + "\"}").post("/blocks").then().statusCode(422)
                .body("reason", equalTo("cannot-block-yourself"));
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + bob + "\"}").post("/blocks").then().statusCode(204);
        given().header("Authorization", TestTokens.bearer(alice)).delete("/blocks/" + bob).then().statusCode(204);
        given().header("Authorization", TestTokens.bearer(alice)).get("/blocks").then().body("total", equalTo(0));
        connect(alice, bob);
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON).body("{}")
                .post("/blocks").then().statusCode(400).body("errors[0].field", equalTo("memberId"));
    }
}
