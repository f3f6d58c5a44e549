package dev.trellis.connection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.events.Topics;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.events.profile.GroupCreated;
import dev.trellis.events.profile.GroupJoined;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.platform.security.AdminAccess;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.ReadModelScan;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
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

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member closes their account (AccountClosed on the profile topic): their connections go as removed by them
 * (ConnectionRemoved on the connection topic, counts, degrees and mutuals follow), the blocks by and of them are
 * lifted, nothing the profile and invitation topics told about them stays in any table, they can no longer be
 * connected to, a second AccountClosed changes nothing, and a rebuild from the topics equals the live state.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class AccountClosedApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    static String auth(UUID m) {
        return TestTokens.bearer(m);
    }

    static void degree(UUID a, UUID b, Integer expected) {
        given().header("Authorization", auth(a)).get("/members/" + a + "/degree/" + b)
                .then().statusCode(200).body("degree", equalTo(expected));
    }

    static void count(UUID m, int expected) {
        given().header("Authorization", auth(m)).get("/members/" + m + "/connections/count")
                .then().statusCode(200).body("count", equalTo(expected));
    }

    static long removedBy(UUID closed) {
        return KafkaProbe.find(Topics.CONNECTION, "trellis.connection.ConnectionRemoved.v1", r -> {
            try {
                JsonNode n = JSON.readTree(r.value());
                return closed.toString().equals(n.path("removedBy").asText());
            } catch (Exception e) {
                return false;
            }
        }).size();
    }

    @Test
    void closing_an_account_removes_the_member_and_everything_about_them() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String last = "Quokka" + tag, company = "Zorgcorp" + tag, headline = "Chief " + tag, context = "ctx" + tag;
        UUID z = UUID.randomUUID(), a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(z, "Zelda", last, headline, Instant.now()));
        for (UUID m : List.of(a, b, c)) {
            KafkaProbe.publish(new ProfileCreated(m, "Other", m.toString().substring(0, 6), null, Instant.now()));
        }
        KafkaProbe.publish(new ProfileUpdated(z, "Zelda", last, headline, "Zurich", "Switzerland", "Zoology", null,
                List.of(new ProfileUpdated.Position(company, "Keeper", 2019, null)), List.of(), List.of(),
                List.of("positions"), Instant.now()));
        UUID group = UUID.randomUUID();
        KafkaProbe.publish(new GroupCreated(group, "Group " + tag, "", a, Instant.now()));
        KafkaProbe.publish(new GroupJoined(group, z, Instant.now()));
        UUID az = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(az, a, z, null, "colleague", context, null, Instant.now(), Instant.now()));
        KafkaProbe.publish(new InvitationAccepted(az, a, z, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), z, b, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), b, c, Instant.now(), false));
        KafkaProbe.publish(new InvitationSent(UUID.randomUUID(), z, c, null, "friend", context, null, Instant.now(),
                Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            degree(a, c, 3);
            count(z, 2);
        });
        given().header("Authorization", auth(c)).contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + z + "\"}").post("/blocks").then().statusCode(204);
        given().header("Authorization", auth(z)).contentType(ContentType.JSON)
                .body("{\"tag\":\"z" + tag + "\"}").post("/connections/" + b + "/tags").then().statusCode(200);
        given().header("Authorization", auth(a)).get("/members/" + a + "/mutual/" + b)
                .then().statusCode(200).body("items.memberId", contains(z.toString()));
        assertTrue(!ReadModelScan.rowsContaining(dataSource, last).isEmpty(), "the scan finds the name before");

        UUID closed = KafkaProbe.publish(new AccountClosed(z, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            count(a, 0);
            count(b, 1);
        });
        degree(a, b, null);
        degree(b, c, 1);
        given().header("Authorization", auth(a)).get("/members/" + a + "/mutual/" + b)
                .then().statusCode(200).body("items", empty());
        given().header("Authorization", auth(c)).get("/blocks").then().statusCode(200).body("items", empty());
        given().header("Authorization", auth(b)).get("/members/" + b + "/connections")
                .then().statusCode(200).body("items.memberId", not(hasItem(z.toString())));
        given().header("Authorization", auth(a)).get("/members/" + a + "/degree/" + z)
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
        given().header("Authorization", auth(a)).get("/members/" + z + "/connections")
                .then().statusCode(404).body("reason", equalTo("member-not-found"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(2, removedBy(z),
                "one ConnectionRemoved per connection, removed by the closed member, on the connection topic"));
        assertEquals(List.of(), ReadModelScan.rowsContaining(dataSource, last, company, headline, context, "z" + tag,
                "Zurich", "Zoology"));

        // a later acceptance involving them makes no edge, a late group join (keyed by the group, so it may overtake
        // the closure) keeps nothing, and a second AccountClosed changes nothing
        UUID late = KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), c, z, Instant.now(), false));
        UUID lateJoin = KafkaProbe.publish(new GroupJoined(UUID.randomUUID(), z, Instant.now()));
        UUID again = KafkaProbe.publish(new AccountClosed(z, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> ReadModelScan.processed(dataSource, late)
                && ReadModelScan.processed(dataSource, lateJoin) && ReadModelScan.processed(dataSource, again));
        count(c, 1);
        given().header("Authorization", auth(c)).get("/members/" + c + "/degree/" + z).then().statusCode(404);
        assertEquals(List.of(), ReadModelScan.rowsContaining(dataSource, z.toString()).stream()
                .filter(row -> !row.startsWith("processed_event") && !row.startsWith("closed_member")).toList(),
                "only the inbox's event ids and the closed-member mark name the member");
        assertEquals(2, removedBy(z));
        assertTrue(ReadModelScan.processed(dataSource, closed));

        // a rebuild from the topics replays AccountClosed the same way: equal to the live tables and index
        given().header(AdminAccess.HEADER, "test-admin-token").post("/admin/projection/rebuild?swap=false")
                .then().log().ifValidationFails().statusCode(200).body("equal", equalTo(true)).body("indexEqual", equalTo(true));
    }
}
