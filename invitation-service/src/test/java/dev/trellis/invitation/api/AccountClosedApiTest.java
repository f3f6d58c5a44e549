package dev.trellis.invitation.api;

import dev.trellis.events.Topics;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.recommendation.IntroductionForwarded;
import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.ReadModelScan;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.trellis.invitation.api.IntroductionApiTest.member;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A member closes their account (AccountClosed on the profile topic): every open invitation from or to them is
 * withdrawn (InvitationWithdrawn on the invitation topic), their name, the notes and contexts of their invitations
 * and their introductions leave the read model, an invitation others sent under their introduction no longer names
 * them, they can no longer be invited, and a second AccountClosed changes nothing.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_invitation_test"))
class AccountClosedApiTest {
    @Inject
    InvitationQueries queries;
    @Inject
    DataSource dataSource;

    static String invite(UUID from, UUID to, String note, String context) {
        return given().header("Authorization", TestTokens.bearer(from)).contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + to + "\"" + (note == null ? "" : ",\"note\":\"" + note + "\"")
                        + (context == null ? "" : ",\"context\":\"" + context + "\"") + "}")
                .post("/invitations").then().statusCode(201).extract().path("invitationId");
    }

    /** InvitationWithdrawn events in the invitation's stream. */
    long withdrawnInStore(String invitationId) throws Exception {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT count(*) FROM event_store"
                + " WHERE stream_id = ? AND event_type = 'trellis.invitation.InvitationWithdrawn.v1'")) {
            ps.setString(1, "invitation-" + invitationId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long withdrawn(String invitationId) {
        return KafkaProbe.find(Topics.INVITATION, "trellis.invitation.InvitationWithdrawn.v1",
                r -> invitationId.equals(r.key())).size();
    }

    @Test
    void closing_an_account_withdraws_their_open_invitations_and_forgets_them() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String last = "Quokka" + tag;
        UUID zoe = member("Zoe", last);
        UUID ann = member("Ann", "Other");
        UUID bob = member("Bob", "Other");
        UUID cat = member("Cat", "Other");
        UUID dan = member("Dan", "Other");
        String toAnn = invite(zoe, ann, "Zoe writes " + tag, null);
        String fromBob = invite(bob, zoe, "Bob writes " + tag, "Bobcorp" + tag);
        String fromCat = invite(cat, zoe, "Cat writes " + tag, null);
        given().header("Authorization", TestTokens.bearer(zoe)).post("/invitations/" + fromCat + "/accept")
                .then().statusCode(200);
        // Zoe introduced Ann to Dan: Ann's invitation to Dan names her
        KafkaProbe.publish(new IntroductionForwarded(UUID.randomUUID(), ann, zoe, dan, "Forwarded " + tag, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> queries.forwardedIntroduction(ann, dan) != null));
        given().header("Authorization", TestTokens.bearer(ann)).contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + dan + "\"}").post("/invitations").then().statusCode(201)
                .body("context", equalTo("Introduced by Zoe " + last));
        assertFalse(ReadModelScan.rowsContaining(dataSource, last, "writes " + tag).isEmpty(), "found before");

        KafkaProbe.publish(new AccountClosed(zoe, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/" + fromBob)
                        .then().statusCode(200).body("status", equalTo("withdrawn")));
        given().header("Authorization", TestTokens.bearer(ann)).get("/invitations/received")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", TestTokens.bearer(ann)).get("/invitations/" + toAnn).then().statusCode(404);
        given().header("Authorization", TestTokens.bearer(cat)).get("/invitations/" + fromCat)
                .then().statusCode(200).body("status", equalTo("accepted"));
        given().header("Authorization", TestTokens.bearer(dan)).get("/invitations/received").then().statusCode(200)
                .body("items[0].context", equalTo("Introduced by a mutual connection"))
                .body("items[0].introducedBy", nullValue());
        given().header("Authorization", TestTokens.bearer(ann)).contentType(ContentType.JSON)
                .body("{\"toMemberId\":\"" + zoe + "\"}").post("/invitations")
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(1, withdrawn(toAnn));
            assertEquals(1, withdrawn(fromBob));
        });
        assertEquals(0, withdrawn(fromCat));
        List<String> needles = List.of(last, "writes " + tag, "Bobcorp" + tag, "Forwarded " + tag, "Late " + tag);
        assertEquals(List.of(), ReadModelScan.rowsContaining(dataSource, needles.toArray(new String[0])));

        // an introduction involving them that comes later keeps nothing; a second AccountClosed changes nothing
        UUID late = KafkaProbe.publish(new IntroductionForwarded(UUID.randomUUID(), bob, zoe, cat, "Late " + tag, Instant.now()));
        UUID again = KafkaProbe.publish(new AccountClosed(zoe, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> ReadModelScan.processed(dataSource, late)
                && ReadModelScan.processed(dataSource, again));
        assertEquals(List.of(), ReadModelScan.rowsContaining(dataSource, needles.toArray(new String[0])));
        assertEquals(1, withdrawnInStore(toAnn));
        assertEquals(1, withdrawnInStore(fromBob));
        assertEquals(1, withdrawn(toAnn));
        assertEquals(1, withdrawn(fromBob));
        given().header("Authorization", TestTokens.bearer(bob)).get("/invitations/" + fromBob)
                .then().statusCode(200).body("status", equalTo("withdrawn"));
    }
}
