package dev.trellis.invitation.api;

import dev.trellis.invitation.application.InvitationSweeper;
import dev.trellis.platform.store.LongSessions;
import dev.trellis.testing.TestClock;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static dev.trellis.invitation.api.InvitationRulesApiTest.invited;
import static dev.trellis.invitation.api.InvitationRulesApiTest.member;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With 2+ replicas the invitation sweep runs on one at a time: the others skip the round. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_invitation_test"))
class InvitationSweeperLockApiTest {
    @Inject
    TestClock clock;
    @Inject
    InvitationSweeper sweeper;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void the_sweep_is_skipped_while_another_replica_sweeps_and_runs_the_next_round() throws Exception {
        UUID alice = member("Alice", "Lock");
        UUID bob = member("Bob", "Lock");
        String id = invited(alice, bob);
        clock.advance(Duration.ofDays(182).plusMinutes(1)); // due to expire
        var config = ConfigProvider.getConfig();
        // another replica's sweep: its own session holds the sweep's lock
        try (Connection other = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             PreparedStatement lock = other.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            lock.setInt(1, LongSessions.SWEEP_LOCK_CLASS);
            lock.setString(2, "invitation-sweep");
            try (ResultSet rs = lock.executeQuery()) {
                assertTrue(rs.next() && rs.getBoolean(1));
            }
            assertEquals(0, sweeper.sweep());
            status(alice, id, "pending");
        }
        assertTrue(sweeper.sweep() >= 1);
        status(alice, id, "expired");
    }

    private static void status(UUID as, String id, String expected) {
        given().header("Authorization", TestTokens.bearer(as)).get("/invitations/" + id).then().statusCode(200)
                .body("status", equalTo(expected));
    }
}
