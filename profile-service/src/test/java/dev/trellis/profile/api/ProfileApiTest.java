package dev.trellis.profile.api;

import dev.trellis.events.Topics;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class ProfileApiTest {

    static String signUpBody(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"correct horse\",\"firstName\":\"Olivia\","
                + "\"lastName\":\"Taylor\",\"headline\":\"Product designer\"}";
    }

    /** Both steps of sign-up (see SignUpApiTest): the answer of POST /members/verify. */
    static io.restassured.response.Response signedUp(String email) {
        given().contentType(ContentType.JSON).body(signUpBody(email)).post("/members").then().statusCode(202);
        return Api.verify(email, Api.code(email));
    }

    @Test
    void sign_up_issues_a_token_and_publishes_ProfileCreated_without_the_email() {
        String email = "olivia-" + UUID.randomUUID() + "@example.com";
        var res = signedUp(email)
                .then().statusCode(201).body("token", notNullValue()).body("tokenType", equalTo("Bearer"))
                .body("profile.firstName", equalTo("Olivia")).extract();
        String id = res.path("memberId");
        String token = res.path("token");

        given().header("Authorization", "Bearer " + token).get("/profiles/me")
                .then().statusCode(200).body("memberId", equalTo(id)).body("headline", equalTo("Product designer"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !KafkaProbe.find(Topics.PROFILE,
                "trellis.profile.ProfileCreated.v1", r -> id.equals(r.key())).isEmpty());
        var record = KafkaProbe.find(Topics.PROFILE, "trellis.profile.ProfileCreated.v1", r -> id.equals(r.key())).get(0);
        assertFalse(record.value().contains(email), "the e-mail address is private");
        ProfileCreated created = KafkaProbe.payload(record, ProfileCreated.class);
        assertEquals("Taylor", created.lastName());
        assertEquals(id, KafkaProbe.header(record, "ce_actor"));
    }

    @Test
    void log_in_with_the_right_password_only() {
        String email = "chris-" + UUID.randomUUID() + "@example.com";
        String id = signedUp(email).then().statusCode(201).extract().path("memberId");
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"correct horse\"}")
                .post("/sessions").then().statusCode(200).body("memberId", equalTo(id)).body("token", notNullValue());
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"wrong horse\"}")
                .post("/sessions").then().statusCode(401).contentType("application/problem+json")
                .body("reason", equalTo("bad-credentials"));
        given().contentType(ContentType.JSON).body("{\"email\":\"nobody@example.com\",\"password\":\"wrong horse\"}")
                .post("/sessions").then().statusCode(401).body("reason", equalTo("bad-credentials"));
    }

    @Test
    void sign_up_refusals() {
        String email = "dup-" + UUID.randomUUID() + "@example.com";
        signedUp(email).then().statusCode(201);
        // a taken address is not told apart from a new one (SignUpApiTest): the same 202, and no second member
        given().contentType(ContentType.JSON).body(signUpBody(email.toUpperCase())).post("/members")
                .then().statusCode(202).body("status", equalTo("VERIFICATION_SENT"));
        Api.verify(email.toUpperCase(), Api.code(email)).then().statusCode(422);
        given().contentType(ContentType.JSON).body("{\"email\":\"not-an-email\",\"password\":\"short\"}").post("/members")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("email")).body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("firstName"));
    }

    @Test
    void profiles_need_a_valid_token() {
        given().get("/profiles/me").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not.a.token").get("/profiles/me").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(UUID.randomUUID())).get("/profiles/" + UUID.randomUUID())
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
    }

    @Test
    void every_service_has_openapi_health_and_metrics() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", not(equalTo(null)));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
