package dev.trellis.profile.api;

import dev.trellis.testing.TestClock;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
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

/** Sign-up, log-in, refresh rotation, sessions, log-out, password change and the log-in back-off, through the API. */
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
        // the session's access token ended with it: a second log-out with it is refused like any request
        m.as().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/logout").then().statusCode(401);
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

    /** Requests sent from another loopback address (the server sees it as the client's address). */
    static RequestSpecification from(String ip) {
        try {
            return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.route.local-address", InetAddress.getByName(ip))));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response logInFrom(String ip, String email, String password) {
        return from(ip).contentType(ContentType.JSON).body(logIn(email, password)).post("/sessions");
    }

    /**
     * Fails {@code failures} log-ins of the address from the client, moving the clock over each back-off it meets;
     * returns the back-off answers met on the way.
     */
    List<Response> fail(String ip, String email, int failures) {
        List<Response> waits = new java.util.ArrayList<>();
        int failed = 0;
        while (failed < failures) {
            Response r = logInFrom(ip, email, "wrong password " + failed);
            if (r.statusCode() == 429) {
                waits.add(r);
                clock.advance(Duration.ofSeconds(Long.parseLong(r.header("Retry-After"))));
            } else {
                assertEquals(401, r.statusCode(), r.asString());
                assertEquals("bad-credentials", r.path("reason"));
                failed++;
            }
        }
        return waits;
    }

    @Test
    void the_client_address_the_service_sees_is_the_one_the_test_binds() {
        Api.M m = Api.signUp("Bea", "Bound");
        fail("127.0.0.2", m.email(), 8);   // 8 failures: the next attempt from there waits 32 s
        logInFrom("127.0.0.2", m.email(), Api.PASSWORD).then().statusCode(429);
        logInFrom("127.0.0.3", m.email(), Api.PASSWORD).then().statusCode(200);
    }

    @Test
    void a_stranger_hammering_wrong_passwords_cannot_keep_the_owner_out() {
        Api.M m = Api.signUp("Mia", "Kovac");
        String stranger = "127.0.0.2";
        // three failures are free, the fourth makes the stranger wait 2 s, then 4, 8, ... up to 15 minutes
        for (int i = 0; i < 4; i++) {
            logInFrom(stranger, m.email(), "wrong password " + i).then().statusCode(401).body("reason", equalTo("bad-credentials"));
        }
        var waiting = logInFrom(stranger, m.email(), "wrong password 5").then().statusCode(429)
                .contentType("application/problem+json").body("reason", equalTo("login-backoff")).extract();
        long retryAfter = Long.parseLong(waiting.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "2 s: " + retryAfter);
        List<Response> waits = fail(stranger, m.email(), 8);
        long last = Long.parseLong(waits.get(waits.size() - 1).header("Retry-After"));
        assertTrue(last > 100, "the waits grow: " + last);
        // while the stranger waits, not even the right password works from there: the password is not checked
        logInFrom(stranger, m.email().toUpperCase(), Api.PASSWORD).then().statusCode(429).body("reason", equalTo("login-backoff"));

        // the owner, from their own address, logs in at once with the right password
        logInFrom("127.0.0.1", m.email(), Api.PASSWORD).then().statusCode(200).body("memberId", equalTo(m.id().toString()));
        // and the owner's own typo costs them nothing yet
        logInFrom("127.0.0.1", m.email(), "owner typo!").then().statusCode(401);
        logInFrom("127.0.0.1", m.email(), Api.PASSWORD).then().statusCode(200);
        // another address is not affected
        Api.M other = Api.signUp("Noah", "Kim");
        logInFrom(stranger, other.email(), Api.PASSWORD).then().statusCode(200);
    }

    @Test
    void many_clients_get_one_guess_each_a_minute_once_the_account_had_ten_failures_and_the_owner_still_gets_in() {
        Api.M m = Api.signUp("Ada", "Many");
        for (int i = 10; i < 20; i++) {
            logInFrom("127.0.0." + i, m.email(), "guess " + i).then().statusCode(401);
        }
        // a client that failed in this minute waits for the minute's end, whatever it tries
        var waiting = logInFrom("127.0.0.10", m.email(), Api.PASSWORD).then().statusCode(429)
                .body("reason", equalTo("login-backoff")).extract();
        long retryAfter = Long.parseLong(waiting.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "until the minute ends: " + retryAfter);
        // a fresh client is checked: one wrong guess, then it waits too
        logInFrom("127.0.0.30", m.email(), "guess 30").then().statusCode(401);
        logInFrom("127.0.0.30", m.email(), "guess 31").then().statusCode(429);
        // the owner, who has not failed, gets in
        logInFrom("127.0.0.1", m.email(), Api.PASSWORD).then().statusCode(200);
        // after the minute, the clients are checked again
        clock.advance(Duration.ofSeconds(61));
        logInFrom("127.0.0.10", m.email(), "guess again").then().statusCode(401);
    }

    @Test
    void unknown_addresses_are_throttled_too_without_storing_the_address() {
        String email = "nobody-" + java.util.UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 4; i++) {
            logInFrom("127.0.0.4", email, "wrong password").then().statusCode(401);
        }
        logInFrom("127.0.0.4", email, "wrong password").then().statusCode(429).body("reason", equalTo("login-backoff"));
        assertEquals(0, Api.count("SELECT count(*) FROM login_throttle WHERE throttle_key LIKE '%@%' "
                + "OR throttle_key LIKE '%127.0.0%'"));
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
    void two_sign_ups_at_once_with_the_same_address_in_different_case_give_one_member() throws Exception {
        for (int round = 0; round < 3; round++) {
            String local = "race." + java.util.UUID.randomUUID();
            String lower = local + "@example.com";
            String upper = local.toUpperCase() + "@EXAMPLE.com";
            var answers = concurrently(List.of(
                    () -> given().contentType(ContentType.JSON).body("{\"email\":\"" + lower + "\",\"password\":\""
                            + Api.PASSWORD + "\",\"firstName\":\"Rae\",\"lastName\":\"One\"}").post("/members"),
                    () -> given().contentType(ContentType.JSON).body("{\"email\":\"" + upper + "\",\"password\":\""
                            + Api.PASSWORD + "\",\"firstName\":\"Rae\",\"lastName\":\"Two\"}").post("/members")));
            assertEquals(List.of(202, 202), answers.stream().map(Response::statusCode).toList());
            assertEquals(2, Api.count("SELECT count(*) FROM pending_sign_up WHERE lower(email) = '" + lower + "'"));
            String code = Api.code(lower);   // the newest request's code
            var verified = concurrently(List.of(() -> Api.verify(lower, code), () -> Api.verify(upper, code)));
            assertEquals(List.of(201, 422), verified.stream().map(Response::statusCode).sorted().toList(),
                    "round " + round + ": " + verified.get(0).asString() + " / " + verified.get(1).asString());
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
    void the_bearer_token_is_an_rs256_jwt_of_fifteen_minutes_that_names_its_session() {
        Api.M m = Api.signUp("Jo", "Claims");
        String[] parts = m.token().split("\\.");
        assertEquals(3, parts.length);
        var header = new io.restassured.path.json.JsonPath(new String(java.util.Base64.getUrlDecoder().decode(parts[0])));
        var claims = new io.restassured.path.json.JsonPath(new String(java.util.Base64.getUrlDecoder().decode(parts[1])));
        assertEquals("RS256", header.getString("alg"));
        assertEquals(m.id().toString(), claims.getString("sub"));
        assertEquals("https://trellis.dev", claims.getString("iss"));
        assertEquals(List.of("member"), claims.getList("groups"));
        assertEquals(15 * 60L, claims.getLong("exp") - claims.getLong("iat"));
        assertFalse(claims.prettify().contains(m.email()), "no address in the token");
        java.util.UUID sid = java.util.UUID.fromString(claims.getString("sid"));
        String login = given().contentType(ContentType.JSON).body(logIn(m.email(), Api.PASSWORD)).post("/sessions").then()
                .statusCode(200).body("expiresIn", equalTo(15 * 60)).body("tokenType", equalTo("Bearer"))
                .extract().path("token");
        assertNotEquals(sid.toString(), Api.claims(login).getString("sid"), "a log-in is a new session");
        // a refresh keeps the session, rotation after rotation
        String refresh = m.refreshToken();
        for (int i = 0; i < 2; i++) {
            var r = given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + refresh + "\"}")
                    .post("/sessions/refresh").then().statusCode(200).extract();
            assertEquals(sid.toString(), Api.claims(r.path("token")).getString("sid"));
            refresh = r.path("refreshToken");
        }
        assertEquals(3, Api.count("SELECT count(*) FROM refresh_token WHERE session_id = '" + sid + "'"));
    }

    @Test
    void the_throttle_counts_failures_across_case_and_whitespace_variants_of_one_address() {
        Api.M m = Api.signUp("Vic", "Variants");
        String[] variants = {m.email(), m.email().toUpperCase(), "  " + m.email() + " ", m.email().substring(0, 1).toUpperCase()
                + m.email().substring(1), m.email().toUpperCase() + "\\t", " " + m.email().toUpperCase(),
                m.email() + "  ", m.email()};
        for (String v : variants) {
            Response r = logInFrom("127.0.0.5", v, "wrong password!");
            while (r.statusCode() == 429) {
                clock.advance(Duration.ofSeconds(Long.parseLong(r.header("Retry-After"))));
                r = logInFrom("127.0.0.5", v, "wrong password!");
            }
            assertEquals(401, r.statusCode(), r.asString());
        }
        // 8 failures of one address: the next attempt from there waits 32 s
        logInFrom("127.0.0.5", m.email(), Api.PASSWORD).then().statusCode(429).body("reason", equalTo("login-backoff"));
    }

    @Test
    void guessing_the_current_password_through_password_change_is_throttled_like_log_in() {
        Api.M m = Api.signUp("Gus", "Guesser");
        String thief = "127.0.0.6";
        int failed = 0;
        while (failed < 8) {
            Response r = from(thief).header("Authorization", "Bearer " + m.token()).contentType(ContentType.JSON)
                    .body("{\"currentPassword\":\"guess number " + failed + "\",\"newPassword\":\"taken over for good\"}")
                    .put("/members/me/password");
            if (r.statusCode() == 429) {
                clock.advance(Duration.ofSeconds(Long.parseLong(r.header("Retry-After"))));
            } else {
                assertEquals(403, r.statusCode(), r.asString());
                assertEquals("wrong-password", r.path("reason"));
                failed++;
            }
        }
        String right = "{\"currentPassword\":\"" + Api.PASSWORD + "\",\"newPassword\":\"a brand new secret\"}";
        var waiting = from(thief).header("Authorization", "Bearer " + m.token()).contentType(ContentType.JSON).body(right)
                .put("/members/me/password").then().statusCode(429).contentType("application/problem+json")
                .body("reason", equalTo("login-backoff")).header("Retry-After", notNullValue()).extract();
        logInFrom(thief, m.email(), Api.PASSWORD).then().statusCode(429);
        // the refresh tokens were not revoked by the refused attempts, and the owner elsewhere is not locked out
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(200);
        logInFrom("127.0.0.7", m.email(), Api.PASSWORD).then().statusCode(200);

        clock.advance(Duration.ofSeconds(Long.parseLong(waiting.header("Retry-After"))));
        String token = logInFrom(thief, m.email(), Api.PASSWORD).then().statusCode(200).extract().path("token");
        from(thief).header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(right)
                .put("/members/me/password").then().statusCode(204);
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

    @Test
    void odd_input_on_identity_endpoints_is_a_4xx_problem_never_a_5xx() {
        Api.M m = Api.signUp("Odd", "Input");
        String nul = "\\u0000";
        java.util.Map<String, Response> answers = new java.util.LinkedHashMap<>();
        answers.put("log-in, 100-byte password", given().contentType(ContentType.JSON)
                .body(logIn(m.email(), "x".repeat(100))).post("/sessions"));
        answers.put("log-in, 2000-character password", given().contentType(ContentType.JSON)
                .body(logIn(m.email(), "x".repeat(2000))).post("/sessions"));
        answers.put("log-in, NUL in the password", given().contentType(ContentType.JSON)
                .body(logIn(m.email(), "a" + nul + "b")).post("/sessions"));
        answers.put("log-in, not an object", given().contentType(ContentType.JSON).body("[1]").post("/sessions"));
        answers.put("log-in, wrong types", given().contentType(ContentType.JSON)
                .body("{\"email\":{\"a\":1},\"password\":[]}").post("/sessions"));
        answers.put("verify, NUL in the code", given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + m.email() + "\",\"code\":\"1" + nul + "2\"}").post("/members/verify"));
        answers.put("verify, NUL in the address", given().contentType(ContentType.JSON)
                .body("{\"email\":\"a" + nul + "@example.com\",\"code\":\"123456\"}").post("/members/verify"));
        answers.put("verify, number code", given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + m.email() + "\",\"code\":123456}").post("/members/verify"));
        answers.put("refresh, 10 KB token", given().contentType(ContentType.JSON)
                .body("{\"refreshToken\":\"" + "r".repeat(10_000) + "\"}").post("/sessions/refresh"));
        answers.put("log-out, 10 KB token", m.as().contentType(ContentType.JSON)
                .body("{\"refreshToken\":\"" + "r".repeat(10_000) + "\"}").post("/sessions/logout"));
        answers.put("password, 2000-character current", m.as().contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"" + "x".repeat(2000) + "\",\"newPassword\":\"a brand new secret\"}")
                .put("/members/me/password"));
        answers.put("mailbox, address too long", given().header("X-Trellis-Admin-Token", Api.ADMIN_TOKEN)
                .queryParam("to", "a".repeat(300)).get("/admin/mail"));
        answers.forEach((what, r) -> {
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, what + ": " + r.statusCode() + " " + r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        });
        assertEquals(401, answers.get("log-in, 100-byte password").statusCode());
        assertEquals(400, answers.get("log-in, 2000-character password").statusCode());
        assertEquals(422, answers.get("verify, NUL in the code").statusCode());
        // the mailbox of an odd address is simply empty
        given().header("X-Trellis-Admin-Token", Api.ADMIN_TOKEN).urlEncodingEnabled(false).queryParam("to", "a%00b")
                .get("/admin/mail").then().statusCode(200).body("size()", equalTo(0));
    }
}
