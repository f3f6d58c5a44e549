package dev.trellis.invitation.api;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The pending-invitations cap, with the limit configured down to 2 (the real one is 5,000). */
@QuarkusTest
@TestProfile(InvitationLimitsApiTest.SmallLimits.class)
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_invitation_test"))
class InvitationLimitsApiTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trellis.invitation.max-pending-sent", "2");
        }
    }

    static UUID member(String first) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, "Limits", null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> MemberEntity.findById(id) != null));
        return id;
    }

    static io.restassured.response.Response invite(UUID from, UUID to) {
        return given().header("Authorization", TestTokens.bearer(from)).contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + to + "\"}").post("/invitations");
    }

    @Test
    void no_more_than_the_pending_cap_of_open_invitations_and_withdrawing_frees_a_place() {
        UUID alice = member("Alice");
        String first = invite(alice, member("Bob")).then().statusCode(201).extract().path("invitationId");
        invite(alice, member("Carol")).then().statusCode(201);
        UUID dave = member("Dave");
        invite(alice, dave).then().statusCode(422).body("reason", equalTo("too-many-pending-invitations"));
        given().header("Authorization", TestTokens.bearer(alice)).post("/invitations/" + first + "/withdraw")
                .then().statusCode(200);
        invite(alice, dave).then().statusCode(201);
    }
}
