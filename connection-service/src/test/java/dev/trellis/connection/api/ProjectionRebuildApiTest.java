package dev.trellis.connection.api;

import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.profile.GroupCreated;
import dev.trellis.events.profile.GroupJoined;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.ProfileUpdated;
import dev.trellis.platform.security.AdminAccess;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

/** The operator rebuilds the projection from the topics: equal to the live state, and a repair when it is not. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class ProjectionRebuildApiTest {
    @Inject
    EntityManager em;
    @Inject
    javax.sql.DataSource dataSource;

    static ValidatableResponse rebuild(boolean swap) {
        return given().header(AdminAccess.HEADER, "test-admin-token").post("/admin/projection/rebuild?swap=" + swap)
                .then().log().ifValidationFails().statusCode(200);
    }

    static void degree(UUID a, UUID b, Integer expected) {
        given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/degree/" + b)
                .then().statusCode(200).body("degree", equalTo(expected));
    }

    @Test
    void the_rebuilt_projection_equals_the_live_one_and_repairs_a_damaged_one() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID(), d = UUID.randomUUID();
        for (UUID m : List.of(a, b, c, d)) {
            KafkaProbe.publish(new ProfileCreated(m, "R", m.toString().substring(0, 4), null, Instant.now()));
        }
        KafkaProbe.publish(new ProfileUpdated(a, "Ria", "Rebuild", "h", "Oslo", "Norway", "Software", null,
                List.of(new ProfileUpdated.Position("Acme", "Dev", 2019, null)), List.of(), List.of(), List.of("city"),
                Instant.now()));
        UUID group = UUID.randomUUID();
        KafkaProbe.publish(new GroupCreated(group, "Rebuilders", "", a, Instant.now()));
        KafkaProbe.publish(new GroupJoined(group, a, Instant.now()));
        UUID ab = UUID.randomUUID();
        KafkaProbe.publish(new InvitationSent(ab, a, b, null, "colleague", "Acme", null, Instant.now(), Instant.now()));
        UUID accepted = KafkaProbe.publish(new InvitationAccepted(ab, a, b, Instant.now(), false));
        KafkaProbe.publish(accepted, new InvitationAccepted(ab, a, b, Instant.now(), false)); // redelivered
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), b, c, Instant.now(), false));
        KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), c, d, Instant.now(), false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> degree(a, d, 3));
        given().header("Authorization", TestTokens.bearer(c)).delete("/connections/" + d).then().statusCode(204);
        given().header("Authorization", TestTokens.bearer(d)).contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + a + "\"}").post("/blocks").then().statusCode(204);
        given().header("Authorization", TestTokens.bearer(a)).contentType(ContentType.JSON)
                .body("{\"tag\":\"mentor\"}").post("/connections/" + b + "/tags").then().statusCode(200);

        rebuild(false).body("equal", equalTo(true)).body("indexEqual", equalTo(true)).body("swapped", equalTo(false))
                .body("records", greaterThan(8)).body("skipped", greaterThan(0))
                .body("tables.find { it.table == 'connection' }.rebuiltRows", greaterThan(3));

        // damage: a lost connection row and a made-up company
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM connection WHERE member_id = ?1 AND other_id = ?2")
                    .setParameter(1, b).setParameter(2, c).executeUpdate();
            em.createNativeQuery("INSERT INTO member_org VALUES (?1, 'company', 'evil corp', 'Evil Corp', true)")
                    .setParameter(1, b).executeUpdate();
        });
        rebuild(false).body("equal", equalTo(false))
                .body("tables.find { it.table == 'connection' }.equal", equalTo(false))
                .body("tables.find { it.table == 'connection' }.onlyRebuilt[0]", org.hamcrest.Matchers.containsString(b.toString()))
                .body("tables.find { it.table == 'member_org' }.onlyLive[0]", org.hamcrest.Matchers.containsString("Evil Corp"));

        rebuild(true).body("swapped", equalTo(true));
        rebuild(false).body("equal", equalTo(true));
        // what members read: b and c connected again, the tag kept, d's block in place
        given().header("Authorization", TestTokens.bearer(b)).get("/members/" + b + "/connections?sort=lastName")
                .then().body("total", equalTo(2)).body("items.memberId", hasItem(c.toString()));
        given().header("Authorization", TestTokens.bearer(a)).get("/members/" + a + "/connections?tag=mentor")
                .then().body("items.memberId", contains(b.toString()));
        degree(a, c, 2);
        degree(c, d, null);
        given().header("Authorization", TestTokens.bearer(d)).get("/blocks").then().body("items.memberId", contains(a.toString()));
    }

    @Test
    void a_second_rebuild_while_one_runs_on_any_replica_is_refused() throws Exception {
        // another replica's rebuild holds the cluster-wide rebuild lock (a session of its own, as a replica has)
        try (java.sql.Connection other = dataSource.getConnection();
             java.sql.PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, dev.trellis.platform.store.LongSessions.SWEEP_LOCK_CLASS);
            ps.setString(2, "connection-projection-rebuild");
            ps.executeQuery().close();
            given().header(AdminAccess.HEADER, "test-admin-token").post("/admin/projection/rebuild?swap=true")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("reason", equalTo("rebuild-running"));
            try (java.sql.PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
                unlock.setInt(1, dev.trellis.platform.store.LongSessions.SWEEP_LOCK_CLASS);
                unlock.setString(2, "connection-projection-rebuild");
                unlock.executeQuery().close();
            }
        }
        rebuild(false).body("swapped", equalTo(false)); // free again
    }

    @Test
    void the_command_needs_the_admin_token() {
        given().post("/admin/projection/rebuild").then().statusCode(401);
        given().header(AdminAccess.HEADER, "wrong").post("/admin/projection/rebuild").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(UUID.randomUUID())).post("/admin/projection/rebuild")
                .then().statusCode(401);
    }
}
