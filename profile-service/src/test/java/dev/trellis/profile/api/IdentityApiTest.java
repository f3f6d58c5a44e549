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
import java.util.List;

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

    /** Runs the calls at the same moment (as far as two threads can) and returns what each answered. */
    static List<io.restassured.response.Response> concurrently(List<java.util.function.Supplier<io.restassured.response.Response>> calls)
            throws Exception {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(calls.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> futures = new java.util.ArrayList<>();
            for (var call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            List<io.restassured.response.Response> out = new java.util.ArrayList<>();
            for (var f : futures) {
                out.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void two_sign_ups_at_once_with_the_same_address_in_different_case_give_one_member_and_one_409() throws Exception {
        for (int round = 0; round < 4; round++) {
            String local = "race." + java.util.UUID.randomUUID();
            String lower = local + "@example.com";
            String upper = local.toUpperCase() + "@EXAMPLE.com";
            var answers = concurrently(List.of(
                    () -> given().contentType(ContentType.JSON).body("{\"email\":\"" + lower + "\",\"password\":\""
                            + Api.PASSWORD + "\",\"firstName\":\"Rae\",\"lastName\":\"One\"}").post("/members"),
                    () -> given().contentType(ContentType.JSON).body("{\"email\":\"" + upper + "\",\"password\":\""
                            + Api.PASSWORD + "\",\"firstName\":\"Rae\",\"lastName\":\"Two\"}").post("/members")));
            List<Integer> statuses = answers.stream().map(io.restassured.response.Response::statusCode).sorted().toList();
            assertEquals(List.of(201, 409), statuses, "round " + round + ": " + answers.get(0).asString() + " / "
                    + answers.get(1).asString());
            var refused = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertTrue(refused.contentType().startsWith("application/problem+json"));
            assertEquals("email-taken", refused.path("reason"));
            assertEquals(1, Api.count("SELECT count(*) FROM credential WHERE lower(email) = '" + lower + "'"));
        }
    }

    @Test
    void a_refresh_token_presented_twice_at_once_gives_one_session() throws Exception {
        Api.M m = Api.signUp("Rhea", "Twice");
        String body = "{\"refreshToken\":\"" + m.refreshToken() + "\"}";
        var answers = concurrently(List.of(
                () -> given().contentType(ContentType.JSON).body(body).post("/sessions/refresh"),
                () -> given().contentType(ContentType.JSON).body(body).post("/sessions/refresh")));
        assertEquals(List.of(200, 401), answers.stream().map(io.restassured.response.Response::statusCode).sorted().toList());
    }

    @Test
    void the_bearer_token_is_an_rs256_jwt_that_expires_after_the_configured_lifetime() {
        Api.M m = Api.signUp("Jo", "Claims");
        String[] parts = m.token().split("\\.");
        assertEquals(3, parts.length);
        var header = new io.restassured.path.json.JsonPath(new String(java.util.Base64.getUrlDecoder().decode(parts[0])));
        var claims = new io.restassured.path.json.JsonPath(new String(java.util.Base64.getUrlDecoder().decode(parts[1])));
        assertEquals("RS256", header.getString("alg"));
        assertEquals(m.id().toString(), claims.getString("sub"));
        assertEquals("https://trellis.dev", claims.getString("iss"));
        assertEquals(List.of("member"), claims.getList("groups"));
        assertEquals(12 * 3600L, claims.getLong("exp") - claims.getLong("iat"));
        assertFalse(claims.prettify().contains(m.email()), "no address in the token");
        given().contentType(ContentType.JSON).body(logIn(m.email(), Api.PASSWORD)).post("/sessions").then()
                .statusCode(200).body("expiresIn", equalTo(12 * 3600)).body("tokenType", equalTo("Bearer"));
    }

    @Test
    void the_throttle_counts_failures_across_case_and_whitespace_variants_of_one_address() {
        Api.M m = Api.signUp("Vic", "Variants");
        String[] variants = {m.email(), m.email().toUpperCase(), "  " + m.email() + " ", m.email().substring(0, 1).toUpperCase()
                + m.email().substring(1), m.email().toUpperCase() + "\\t"};
        for (String v : variants) {
            given().contentType(ContentType.JSON).body(logIn(v, "wrong password!")).post("/sessions").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(logIn(m.email(), Api.PASSWORD)).post("/sessions").then().statusCode(429)
                .body("reason", equalTo("login-locked"));
    }

    @Test
    void guessing_the_current_password_through_password_change_is_throttled_like_log_in() {
        Api.M m = Api.signUp("Gus", "Guesser");
        for (int i = 0; i < 5; i++) {
            m.as().contentType(ContentType.JSON).body("{\"currentPassword\":\"guess number " + i
                            + "\",\"newPassword\":\"taken over for good\"}")
                    .put("/members/me/password").then().statusCode(403).body("reason", equalTo("wrong-password"));
        }
        String right = "{\"currentPassword\":\"" + Api.PASSWORD + "\",\"newPassword\":\"a brand new secret\"}";
        m.as().contentType(ContentType.JSON).body(right).put("/members/me/password").then().statusCode(429)
                .contentType("application/problem+json").body("reason", equalTo("login-locked"))
                .header("Retry-After", notNullValue());
        given().contentType(ContentType.JSON).body(logIn(m.email(), Api.PASSWORD)).post("/sessions").then().statusCode(429);
        // the refresh tokens were not revoked by the refused attempts
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(200);

        clock.advance(Duration.ofMinutes(16));
        m.as().contentType(ContentType.JSON).body(right).put("/members/me/password").then().statusCode(204);
        given().contentType(ContentType.JSON).body(logIn(m.email(), "a brand new secret")).post("/sessions").then().statusCode(200);
    }

    @Test
    void a_password_longer_than_the_72_bytes_bcrypt_reads_is_refused_rather_than_cut() {
        // 40 characters, 80 bytes: bcrypt would ignore the last 8 bytes
        String tooLong = "ü".repeat(40);
        given().contentType(ContentType.JSON).body("{\"email\":\"long-" + java.util.UUID.randomUUID()
                        + "@example.com\",\"password\":\"" + tooLong + "\",\"firstName\":\"Lo\",\"lastName\":\"Ng\"}")
                .post("/members").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("password"));
        Api.M m = Api.signUp("Max", "Bytes");
        m.as().contentType(ContentType.JSON).body("{\"currentPassword\":\"" + Api.PASSWORD + "\",\"newPassword\":\""
                + "x".repeat(73) + "\"}").put("/members/me/password").then().statusCode(400)
                .body("errors.field", hasItem("newPassword"));
        // 36 two-byte letters (72 bytes) are fine, and every byte of them counts
        String longest = "ü".repeat(36);
        m.as().contentType(ContentType.JSON).body("{\"currentPassword\":\"" + Api.PASSWORD + "\",\"newPassword\":\""
                + longest + "\"}").put("/members/me/password").then().statusCode(204);
        given().contentType(ContentType.JSON).body(logIn(m.email(), "ü".repeat(35) + "u")).post("/sessions").then().statusCode(401);
        given().contentType(ContentType.JSON).body(logIn(m.email(), longest)).post("/sessions").then().statusCode(200);
    }
}
