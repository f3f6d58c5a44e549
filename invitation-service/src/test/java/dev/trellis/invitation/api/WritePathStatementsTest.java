package dev.trellis.invitation.api;

import dev.trellis.testing.PgStatementLog;
import dev.trellis.testing.StatementLogTestResource;
import dev.trellis.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQL a command costs, counted on the wire between the running service and PostgreSQL (PgStatementLog): the
 * statements of the command's one transaction and its round trips. The bounds are what the commands need with
 * the event store's append: the partition key's transaction lock and one INSERT per event (2 statements for one
 * event; until issue 13 also a pg_notify): a command that grows back its facts queries, or reads a row it already
 * knows, fails here.
 * docs/write-path-statements.md has the counts before and after.
 */
@QuarkusTest
@WithTestResource(value = StatementLogTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_invitation_statements_test"))
class WritePathStatementsTest {
    /** Sender lock, the facts (one statement), the read-model INSERT; plus the event store's append. */
    static final int SEND_STATEMENTS = 3 + 2;
    /** Stream load, the pair facts (one statement), the read-model UPDATE; plus the append. */
    static final int ACCEPT_STATEMENTS = 3 + 2;
    /** Sender lock, the facts, the reverse invitation's stream, its UPDATE; plus the append. */
    static final int MUTUAL_SEND_STATEMENTS = 4 + 2;

    static UUID member(String first) {
        return InvitationApiTest.member(first);
    }

    static String send(UUID from, UUID to, int status) {
        return given().header("Authorization", TestTokens.bearer(from)).contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + to + "\",\"note\":\"Hello\",\"relationship\":\"colleague\"}")
                .post("/invitations")
                .then().statusCode(status).extract().path("invitationId");
    }

    static void accept(UUID actor, String id) {
        given().header("Authorization", TestTokens.bearer(actor)).post("/invitations/" + id + "/accept")
                .then().statusCode(200).body("status", equalTo("accepted"));
    }

    /** The command's transaction: the one that appended to the event store. */
    static PgStatementLog.Transaction command(String name) {
        PgStatementLog.Transaction t = PgStatementLog.awaitOne(x -> x.any("INSERT INTO event_store"), Duration.ofSeconds(10));
        System.out.println("[statements] " + name + ": " + t.describe());
        return t;
    }

    static void within(PgStatementLog.Transaction t, int statements, String name) {
        assertTrue(t.body().size() <= statements, name + " issued " + t.body().size() + " statements, at most "
                + statements + " expected: " + t.describe());
        // every statement waits for its answer, and so do the COMMIT and the BEGIN (the driver sends it in a round
        // trip of its own: measured the same before and after, see docs/write-path-statements.md)
        assertTrue(t.commandRoundTrips() <= statements + 2, name + " took " + t.commandRoundTrips()
                + " round trips, at most " + (statements + 2) + " expected: " + t.describe());
    }

    @Test
    void send_accept_and_mutual_send_stay_within_their_statements() {
        // warm up: the first commands prepare their statements on the connections
        UUID a0 = member("Ann");
        UUID b0 = member("Ben");
        accept(b0, send(a0, b0, 201));

        UUID alice = member("Alice");
        UUID bob = member("Bob");
        UUID carol = member("Carol");

        PgStatementLog.clear();
        String id = send(alice, bob, 201);
        PgStatementLog.Transaction send = command("send");
        assertEquals(1, send.count("INSERT INTO event_store"), send.describe());
        within(send, SEND_STATEMENTS, "send");

        PgStatementLog.clear();
        accept(bob, id);
        PgStatementLog.Transaction accept = command("accept");
        within(accept, ACCEPT_STATEMENTS, "accept");

        // carol invites alice, then alice invites carol: carol's invitation is accepted instead
        String carols = send(carol, alice, 201);
        PgStatementLog.clear();
        given().header("Authorization", TestTokens.bearer(alice)).contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + carol + "\"}").post("/invitations")
                .then().statusCode(200).body("status", equalTo("accepted")).body("mutual", equalTo(true))
                .body("invitationId", equalTo(carols));
        PgStatementLog.Transaction mutual = command("mutual send");
        within(mutual, MUTUAL_SEND_STATEMENTS, "mutual send");
    }
}
