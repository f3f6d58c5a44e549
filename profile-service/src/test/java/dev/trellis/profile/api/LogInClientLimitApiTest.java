package dev.trellis.profile.api;

import dev.trellis.testing.TestClock;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-client cap of log-in attempts (the other tests run with it raised: they all come from 127.0.0.1). */
@QuarkusTest
@TestProfile(LogInClientLimitApiTest.FiveAttempts.class)
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_profile_test"))
class LogInClientLimitApiTest {
    public static class FiveAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trellis.login.client-max-attempts", "5");
        }
    }

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void a_client_address_makes_at_most_its_attempts_a_minute_over_every_account() {
        Api.M a = Api.signUp("Cap", "One");
        Api.M b = Api.signUp("Cap", "Two");
        String client = "127.0.0.50";
        IdentityApiTest.logInFrom(client, a.email(), Api.PASSWORD).then().statusCode(200);
        IdentityApiTest.logInFrom(client, b.email(), "wrong").then().statusCode(401);
        IdentityApiTest.logInFrom(client, "nobody@example.com", "wrong").then().statusCode(401);
        IdentityApiTest.logInFrom(client, b.email(), Api.PASSWORD).then().statusCode(200);
        IdentityApiTest.logInFrom(client, a.email(), Api.PASSWORD).then().statusCode(200);
        var refused = IdentityApiTest.logInFrom(client, a.email(), Api.PASSWORD).then().statusCode(429)
                .contentType("application/problem+json").body("reason", equalTo("too-many-attempts")).extract();
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "the rest of the minute: " + retryAfter);
        // another client is not affected
        IdentityApiTest.logInFrom("127.0.0.51", a.email(), Api.PASSWORD).then().statusCode(200);
        clock.advance(Duration.ofSeconds(61));
        IdentityApiTest.logInFrom(client, a.email(), Api.PASSWORD).then().statusCode(200);
    }
}
