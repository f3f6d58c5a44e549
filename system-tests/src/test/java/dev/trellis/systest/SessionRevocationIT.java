package dev.trellis.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Short-lived access tokens that log-out and a password change revoke at once in every service (issue 12, Required
 * 5): the token names its session ({@code sid}) and lives 15 minutes; after log-out, or after a password change,
 * the old token is refused (401 problem+json) by each of the five services within 5 seconds, while another session
 * of the same member that was not logged out keeps working.
 */
@ExtendWith(SharedSuite.class)
class SessionRevocationIT {
    static final Duration WITHIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One cheap authenticated read per service. */
    static final Map<String, String> PROBES = new LinkedHashMap<>();

    static {
        PROBES.put("profile", "/profiles/me");
        PROBES.put("invitation", "/invitations/standing");
        PROBES.put("connection", "/tags");
        PROBES.put("recommendation", "/recommendations/spread");
        PROBES.put("notification", "/badges");
    }

    static Suite suite;

    @BeforeAll
    static void start() {
        suite = SharedSuite.suite();
    }

    static Map<String, Integer> probe(String token) {
        Map<String, Integer> out = new LinkedHashMap<>();
        PROBES.forEach((service, path) -> {
            RawHttp.Answer a = RawHttp.send(suite.url(service), new RawHttp.Request("GET", path).bearer(token));
            out.put(service, a.status() == 401 && !a.problemJson() ? -401 : a.status());
        });
        return out;
    }

    /** Waits until every service refuses the token (401 problem+json); fails naming those that did not in time. */
    static void awaitRefusedEverywhere(String token, String after) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        Map<String, Integer> last;
        while (true) {
            last = probe(token);
            if (last.values().stream().allMatch(s -> s == 401)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(200);
        }
        Map<String, Integer> still = new LinkedHashMap<>(last);
        still.values().removeIf(s -> s == 401);
        fail("after " + after + ", the old access token is still accepted (or refused without problem+json: -401) "
                + WITHIN.toSeconds() + " s later by " + still + " (all answers: " + last + ")");
    }

    static void assertAcceptedEverywhere(String token, String what) {
        Map<String, Integer> answers = probe(token);
        assertTrue(answers.values().stream().allMatch(s -> s == 200), what + ": " + answers);
    }

    @Test
    void access_tokens_name_their_session_and_live_15_minutes() throws Exception {
        Member m = Member.signUp(suite, "Tess", "Token");
        String[] parts = m.token().split("\\.");
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        List<String> problems = new java.util.ArrayList<>();
        if (!claims.hasNonNull("sid") || claims.get("sid").asText().isBlank()) {
            problems.add("no sid claim: " + claims);
        }
        long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
        if (lifetime <= 0 || lifetime > 15 * 60) {
            problems.add("lives " + lifetime + " s, not at most 15 minutes");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void after_log_out_the_old_access_token_is_refused_by_every_service_within_5_seconds() throws Exception {
        Member m = Member.signUp(suite, "Lou", "Logout");
        assertAcceptedEverywhere(m.token(), "a fresh token");
        RawHttp.Answer out = RawHttp.send(suite.url("profile"), new RawHttp.Request("POST", "/sessions/logout")
                .bearer(m.token()).body("application/json", "{\"refreshToken\":\"" + m.refreshToken() + "\"}"));
        assertEquals(204, out.status(), out.brief());
        awaitRefusedEverywhere(m.token(), "log-out");
    }

    @Test
    void log_out_ends_only_its_own_session() throws Exception {
        Member first = Member.signUp(suite, "Sid", "Sessions");
        Member second = first.logIn(suite);
        RawHttp.Answer out = RawHttp.send(suite.url("profile"), new RawHttp.Request("POST", "/sessions/logout")
                .bearer(first.token()).body("application/json", "{\"refreshToken\":\"" + first.refreshToken() + "\"}"));
        assertEquals(204, out.status(), out.brief());
        awaitRefusedEverywhere(first.token(), "log-out of the first session");
        assertAcceptedEverywhere(second.token(), "the second session, not logged out");
    }

    @Test
    void after_a_password_change_every_old_access_token_is_refused_by_every_service_within_5_seconds() throws Exception {
        Member m = Member.signUp(suite, "Pat", "Password");
        Member other = m.logIn(suite); // a second session: a password change ends every session
        assertAcceptedEverywhere(m.token(), "a fresh token");
        String newPassword = "a new and long password";
        RawHttp.Answer changed = RawHttp.send(suite.url("profile"), new RawHttp.Request("PUT", "/members/me/password")
                .bearer(m.token()).body("application/json", "{\"currentPassword\":\"" + m.password()
                        + "\",\"newPassword\":\"" + newPassword + "\"}"));
        assertEquals(204, changed.status(), changed.brief());
        awaitRefusedEverywhere(m.token(), "a password change (the session that changed it)");
        awaitRefusedEverywhere(other.token(), "a password change (another session)");
        assertAcceptedEverywhere(m.withPassword(newPassword).logIn(suite).token(), "a log-in with the new password");
    }
}
