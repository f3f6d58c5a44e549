package dev.trellis.connection.api;

import dev.trellis.events.profile.AccessRevoked;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * A session ended in profile-service (AccessRevoked on the profile topic) is refused here too, also when its token
 * was verified and cached before; other sessions of the same member keep working. (The platform piece, tested
 * through one service.)
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class RevocationApiTest {

    @Test
    void a_revoked_session_is_refused_at_once_and_other_sessions_are_not() {
        UUID me = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String endedToken = "Bearer " + TestTokens.forSession(me, ended);
        String otherToken = "Bearer " + TestTokens.forSession(me, other);
        String path = "/blocks"; // the caller's own block list: any member may read it
        // both work, and the first is now in the token cache
        given().header("Authorization", endedToken).get(path).then().statusCode(200);
        given().header("Authorization", otherToken).get(path).then().statusCode(200);

        KafkaProbe.publish(new AccessRevoked(me, List.of(ended), Instant.now()));

        await().atMost(10, SECONDS).pollInterval(50, java.util.concurrent.TimeUnit.MILLISECONDS).untilAsserted(() ->
                given().header("Authorization", endedToken).get(path).then().statusCode(401)
                        .contentType("application/problem+json"));
        given().header("Authorization", otherToken).get(path).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(me)).get(path).then().statusCode(200);
    }
}
