package dev.trellis.profile.api;

import dev.trellis.events.profile.AccessRevoked;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Log-out, password change and refresh-token reuse publish AccessRevoked with exactly the sessions they end. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class AccessRevokedApiTest {

    static UUID sid(String token) {
        return UUID.fromString(Api.claims(token).getString("sid"));
    }

    record Login(String token, String refreshToken) {
        io.restassured.specification.RequestSpecification as(Api.M m) {
            return given().header("Authorization", "Bearer " + token);
        }
    }

    static Login logIn(Api.M m) {
        var r = given().contentType(ContentType.JSON).body(IdentityApiTest.logIn(m.email(), Api.PASSWORD))
                .post("/sessions").then().statusCode(200).extract();
        return new Login(r.path("token"), r.path("refreshToken"));
    }

    static List<AccessRevoked> revoked(Api.M m, int atLeast) {
        List<ConsumerRecord<String, String>> records = Api.published("AccessRevoked", r -> m.id().toString().equals(r.key()), atLeast);
        return records.stream().map(r -> KafkaProbe.payload(r, AccessRevoked.class)).toList();
    }

    @Test
    void log_out_with_a_refresh_token_ends_that_session_only() {
        Api.M m = Api.signUp("Lou", "Out");
        Login other = logIn(m);
        m.as().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/logout").then().statusCode(204);
        // the ended session's access token is refused here at once, the other session's is not
        m.as().get("/profiles/me").then().statusCode(401);
        other.as(m).get("/profiles/me").then().statusCode(200);
        List<AccessRevoked> events = revoked(m, 1);
        assertEquals(1, events.size());
        assertEquals(List.of(sid(m.token())), events.get(0).sessionIds());
        assertEquals(m.id(), events.get(0).memberId());
        assertNotNull(events.get(0).revokedAt());
        // the other session goes on
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + other.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(200);
        // logging out again (the ended session's refresh token, with the other session's access token) changes
        // nothing and publishes nothing more
        other.as(m).contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/logout").then().statusCode(204);
        // (a password change afterwards is the next event of the member: the repeated log-out published none)
        other.as(m).contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"" + Api.PASSWORD + "\",\"newPassword\":\"another good secret\"}")
                .put("/members/me/password").then().statusCode(204);
        List<AccessRevoked> both = revoked(m, 2);
        assertEquals(2, both.size());
        assertEquals(List.of(sid(other.token())), both.get(1).sessionIds(), "the ended session is not ended twice");
    }

    @Test
    void log_out_without_a_refresh_token_ends_the_bearer_tokens_session() {
        Api.M m = Api.signUp("Bea", "Rer");
        Login other = logIn(m);
        given().header("Authorization", "Bearer " + other.token()).contentType(ContentType.JSON).body("{}").post("/sessions/logout").then().statusCode(204);
        List<AccessRevoked> events = revoked(m, 1);
        assertEquals(List.of(sid(other.token())), events.get(0).sessionIds());
        // the other session goes on; the ended one's refresh token is refused (and, presented again, is reuse)
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + other.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(401);
    }

    @Test
    void a_password_change_ends_every_session_of_the_member() {
        Api.M m = Api.signUp("Pat", "Change");
        Login second = logIn(m);
        Login third = logIn(m);
        // a rotated session keeps its sid
        String rotated = given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + third.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(200).extract().path("token");
        assertEquals(sid(third.token()), sid(rotated));
        given().header("Authorization", "Bearer " + second.token()).contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"" + Api.PASSWORD + "\",\"newPassword\":\"another good secret\"}")
                .put("/members/me/password").then().statusCode(204);
        List<AccessRevoked> events = revoked(m, 1);
        assertEquals(1, events.size());
        assertEquals(Set.of(sid(m.token()), sid(second.token()), sid(third.token())), Set.copyOf(events.get(0).sessionIds()));
        assertEquals(3, events.get(0).sessionIds().size());
    }

    @Test
    void a_refresh_token_presented_again_ends_every_session_of_the_member() {
        Api.M m = Api.signUp("Ray", "Reuse");
        Login other = logIn(m);
        String stolen = m.refreshToken();
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + stolen + "\"}").post("/sessions/refresh")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + stolen + "\"}").post("/sessions/refresh")
                .then().statusCode(401);
        List<AccessRevoked> events = revoked(m, 1);
        assertEquals(Set.of(sid(m.token()), sid(other.token())), Set.copyOf(events.get(0).sessionIds()));
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + other.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(401);
        // (presenting a token of the sessions already ended again ends nothing more, and publishes nothing)
        // stored in the member's sessions stream, published by the outbox like every event of the service
        assertEquals(1, Api.count("SELECT count(*) FROM event_store WHERE stream_id = 'sessions-" + m.id()
                + "' AND event_type = 'trellis.profile.AccessRevoked.v1'"));
    }
}
