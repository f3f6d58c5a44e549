package dev.trellis.profile.api;

import dev.trellis.testing.TestClock;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-up, log-in, refresh rotation, log-out, password change and the log-in throttle, through the API. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class IdentityApiTest {
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String logIn(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void passwords_have_at_least_ten_characters_and_are_stored_as_bcrypt_hashes() {
        given().contentType(ContentType.JSON).body("{\"email\":\"short-" + java.util.UUID.randomUUID()
                        + "@example.com\",\"password\":\"123456789\",\"firstName\":\"A\",\"lastName\":\"B\"}")
                .post("/members").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("password"));
        Api.M m = Api.signUp("Hana", "Sato");
        assertEquals(1, Api.count("SELECT count(*) FROM credential WHERE member_id = '" + m.id()
                + "' AND password_hash LIKE '$2%' AND password_hash <> '" + Api.PASSWORD + "'"));
        assertEquals(0, Api.count("SELECT count(*) FROM refresh_token WHERE token_hash = '" + m.refreshToken() + "'"),
                "refresh tokens are stored hashed only");
    }

    @Test
    void sign_up_and_log_in_hand_out_a_refresh_token_that_rotates() {
        Api.M m = Api.signUp("Ravi", "Patel");
        String second = given().contentType(ContentType.JSON).body(logIn(m.email(), Api.PASSWORD)).post("/sessions")
                .then().statusCode(200).body("refreshToken", notNullValue()).body("refreshExpiresIn", equalTo(30 * 24 * 3600))
                .body("profile.email", equalTo(m.email())).extract().path("refreshToken");
        assertNotEquals(m.refreshToken(), second);

        var refreshed = given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(200).body("memberId", equalTo(m.id().toString()))
                .body("token", notNullValue()).extract();
        String newToken = refreshed.path("token");
        String newRefresh = refreshed.path("refreshToken");
        given().header("Authorization", "Bearer " + newToken).get("/profiles/me").then().statusCode(200);

        // the used one is spent; presenting it again revokes every refresh token of the member
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(401).body("reason", equalTo("invalid-refresh-token"));
        for (String t : new String[]{newRefresh, second}) {
            given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + t + "\"}")
                    .post("/sessions/refresh").then().statusCode(401).body("reason", equalTo("invalid-refresh-token"));
        }
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"made-up\"}").post("/sessions/refresh")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void refresh_tokens_expire() {
        Api.M m = Api.signUp("Ines", "Garcia");
        clock.advance(Duration.ofDays(31));
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(401).body("reason", equalTo("invalid-refresh-token"));
    }

    @Test
    void log_out_revokes_the_refresh_token() {
        Api.M m = Api.signUp("Lena", "Berg");
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/logout").then().statusCode(401);
        m.as().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/logout").then().statusCode(204);
        m.as().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/logout").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(401);
    }

    @Test
    void another_members_logout_cannot_revoke_my_refresh_token() {
        Api.M me = Api.signUp("Tom", "Reed");
        Api.M other = Api.signUp("Eve", "Stone");
        other.as().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + me.refreshToken() + "\"}")
                .post("/sessions/logout").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + me.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(200);
    }

    @Test
    void changing_the_password_needs_the_current_one_and_revokes_refresh_tokens() {
        Api.M m = Api.signUp("Omar", "Haddad");
        m.as().contentType(ContentType.JSON).body("{\"currentPassword\":\"wrong password\",\"newPassword\":\"a brand new secret\"}")
                .put("/members/me/password").then().statusCode(403).body("reason", equalTo("wrong-password"));
        m.as().contentType(ContentType.JSON).body("{\"currentPassword\":\"" + Api.PASSWORD + "\",\"newPassword\":\"short\"}")
                .put("/members/me/password").then().statusCode(400).body("errors.field", hasItem("newPassword"));
        m.as().contentType(ContentType.JSON).body("{\"currentPassword\":\"" + Api.PASSWORD + "\",\"newPassword\":\"a brand new secret\"}")
                .put("/members/me/password").then().statusCode(204);
        given().contentType(ContentType.JSON).body(logIn(m.email(), Api.PASSWORD)).post("/sessions").then().statusCode(401);
        given().contentType(ContentType.JSON).body(logIn(m.email(), "a brand new secret")).post("/sessions").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(401);
    }

    @Test
    void five_failed_log_ins_lock_the_address_for_fifteen_minutes() {
        Api.M m = Api.signUp("Mia", "Kovac");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(logIn(m.email(), "wrong password " + i)).post("/sessions")
                    .then().statusCode(401).body("reason", equalTo("bad-credentials"));
        }
        // locked: even the right password is refused, with Retry-After
        var locked = given().contentType(ContentType.JSON).body(logIn(m.email().toUpperCase(), Api.PASSWORD))
                .post("/sessions").then().statusCode(429).contentType("application/problem+json")
                .body("reason", equalTo("login-locked")).extract();
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter > 800 && retryAfter <= 900, "about 15 minutes: " + retryAfter);
        // another address is not affected
        Api.M other = Api.signUp("Noah", "Kim");
        given().contentType(ContentType.JSON).body(logIn(other.email(), Api.PASSWORD)).post("/sessions").then().statusCode(200);

        clock.advance(Duration.ofMinutes(14));
        given().contentType(ContentType.JSON).body(logIn(m.email(), Api.PASSWORD)).post("/sessions").then().statusCode(429);
        clock.advance(Duration.ofMinutes(2));
        given().contentType(ContentType.JSON).body(logIn(m.email(), Api.PASSWORD)).post("/sessions").then().statusCode(200);
    }

    @Test
    void unknown_addresses_are_throttled_too_without_storing_the_address() {
        String email = "nobody-" + java.util.UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(logIn(email, "wrong password")).post("/sessions").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(logIn(email, "wrong password")).post("/sessions").then().statusCode(429);
        assertEquals(0, Api.count("SELECT count(*) FROM login_throttle WHERE email_key LIKE '%@%'"));
    }

    @Test
    void responses_never_carry_the_password_or_its_hash() {
        Api.M m = Api.signUp("Zoe", "Park");
        String body = given().contentType(ContentType.JSON).body(logIn(m.email(), Api.PASSWORD)).post("/sessions")
                .then().statusCode(200).body("profile", not(hasItem("passwordHash"))).extract().asString();
        assertFalse(body.contains(Api.PASSWORD));
        assertFalse(body.contains("$2a$") || body.contains("$2b$") || body.contains("$2y$"));
    }
}
