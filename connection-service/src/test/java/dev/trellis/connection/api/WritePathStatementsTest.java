package dev.trellis.connection.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.PgStatementLog;
import dev.trellis.testing.StatementLogTestResource;
import dev.trellis.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQL that one InvitationAccepted costs connection-service (the consumer's transaction: inbox record, the
 * invitation's state, PairService: the pair's stream, ConnectionMade appended, both edges), counted on the wire
 * (PgStatementLog). The bound holds with the event store's append of 2 statements for one event (the partition
 * key's transaction lock and the INSERT; until issue 13 also a pg_notify). docs/write-path-statements.md has the counts before and after.
 */
@QuarkusTest
@WithTestResource(value = StatementLogTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_statements_test"))
class WritePathStatementsTest {
    /** Inbox id, the invitation's state, the pair's stream, both edges in one INSERT; plus the append (2). */
    static final int ACCEPTED_STATEMENTS = 4 + 2;

    static UUID member(String first) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, "Pair", null, Instant.now()));
        return id;
    }

    static void accepted(UUID a, UUID b) {
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), a, b, Instant.now(), false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/degree/" + b)
                        .then().statusCode(200).body("degree", equalTo(1)));
    }

    @Test
    void an_accepted_invitation_stays_within_its_statements() {
        accepted(member("Ann"), member("Ben")); // warm up
        UUID alice = member("Alice");
        UUID bob = member("Bob");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(alice)).get("/members/" + alice + "/degree/" + bob)
                        .then().statusCode(200));
        PgStatementLog.clear();
        accepted(alice, bob);
        PgStatementLog.Transaction t = PgStatementLog.awaitOne(x -> x.any("INSERT INTO event_store"), Duration.ofSeconds(10));
        System.out.println("[statements] InvitationAccepted: " + t.describe());
        assertEquals(1, t.count("INSERT INTO event_store"), t.describe());
        assertTrue(t.body().size() <= ACCEPTED_STATEMENTS, "InvitationAccepted issued " + t.body().size()
                + " statements, at most " + ACCEPTED_STATEMENTS + " expected: " + t.describe());
        // every statement waits for its answer, and so do the COMMIT and the BEGIN (a round trip of its own)
        assertTrue(t.commandRoundTrips() <= ACCEPTED_STATEMENTS + 2, "InvitationAccepted took " + t.commandRoundTrips()
                + " round trips, at most " + (ACCEPTED_STATEMENTS + 2) + " expected: " + t.describe());
    }
}
