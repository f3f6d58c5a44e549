package dev.trellis.profile.api;

import dev.trellis.profile.application.IdentityPurge;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The purge deletes expired and long-revoked refresh tokens, idle throttle rows, expired sign-ups and old mail. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class IdentityPurgeTest {
    @Inject
    TestClock clock;
    @Inject
    IdentityPurge purge;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static long tokens(Api.M m) {
        return Api.count("SELECT count(*) FROM refresh_token WHERE member_id = '" + m.id() + "'");
    }

    @Test
    void revoked_refresh_tokens_go_a_week_after_their_revocation_and_live_ones_stay() {
        Api.M m = Api.signUp("Pia", "Purge");
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"" + m.refreshToken() + "\"}")
                .post("/sessions/refresh").then().statusCode(200);   // the first is now revoked (used)
        assertEquals(2, tokens(m));
        purge.purge();
        assertEquals(2, tokens(m), "a just revoked token is kept to recognise its reuse");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        purge.purge();
        assertEquals(1, tokens(m), "the revoked one is gone, the live one stays");
        assertEquals(0, Api.count("SELECT count(*) FROM refresh_token WHERE member_id = '" + m.id() + "' AND revoked_at IS NOT NULL"));
    }

    @Test
    void expired_refresh_tokens_go() {
        Api.M m = Api.signUp("Exa", "Pired");
        clock.advance(Duration.ofDays(29));
        purge.purge();
        assertEquals(1, tokens(m));
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        purge.purge();
        assertEquals(0, tokens(m));
    }

    @Test
    void throttle_rows_go_an_hour_after_their_last_use_once_their_back_off_is_over() {
        Api.M m = Api.signUp("Thr", "Ottle");
        for (int i = 0; i < 4; i++) {
            IdentityApiTest.logInFrom("127.0.0.40", m.email(), "wrong " + i).then().statusCode(401);
        }
        String pairs = "SELECT count(*) FROM login_throttle WHERE throttle_key LIKE 'p:%' AND count = 4 "
                + "AND next_allowed IS NOT NULL";
        assertTrue(Api.count(pairs) >= 1);
        clock.advance(Duration.ofMinutes(59));
        purge.purge();
        assertTrue(Api.count(pairs) >= 1, "the row of a minute ago is kept");
        clock.advance(Duration.ofMinutes(2));
        purge.purge();
        assertEquals(0, Api.count(pairs), "an hour after its last failure it is gone");
    }

    @Test
    void expired_sign_ups_and_week_old_mail_go() {
        String email = "gone-" + UUID.randomUUID() + "@example.com";
        SignUpApiTest.signUp(email, "Gone").then().statusCode(202);
        String pending = "SELECT count(*) FROM pending_sign_up WHERE lower(email) = '" + email + "'";
        String mail = "SELECT count(*) FROM mail_outbox WHERE to_address = '" + email + "'";
        assertEquals(1, Api.count(pending));
        clock.advance(Duration.ofMinutes(31));
        purge.purge();
        assertEquals(0, Api.count(pending));
        assertEquals(1, Api.count(mail));
        clock.advance(Duration.ofDays(7));
        purge.purge();
        assertEquals(0, Api.count(mail));
    }
}
