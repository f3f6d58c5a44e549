package dev.trellis.connection.api;

import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.testing.KafkaProbe;
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

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hand-drawn 12-member graph with known answers, asked over HTTP (answered by the in-memory index), then
 * asked again after rebuilding the index from the tables: a restart gives the same answers.
 *
 * <pre>
 *   0 - 1 - 4 - 6 - 7 - 8        9 - 10      11 (alone)
 *   | \ |   |   |
 *   3   2 --+   5
 *    \_________/          (edges: 0-1 0-2 0-3 1-2 1-4 2-4 3-5 4-6 5-6 6-7 7-8 9-10)
 * </pre>
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class NetworkApiTest {
    static final int[][] EDGES = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 4}, {2, 4}, {3, 5}, {4, 6}, {5, 6}, {6, 7}, {7, 8}, {9, 10}};

    @Inject
    GraphIndexStore index;
    @Inject
    GraphRepository graph;

    UUID[] m;

    void draw() {
        m = new UUID[12];
        for (int i = 0; i < 12; i++) {
            m[i] = UUID.randomUUID();
            KafkaProbe.publish(new ProfileCreated(m[i], "M" + i, "Graph", "member " + i, Instant.now()));
        }
        for (int[] e : EDGES) {
            KafkaProbe.publish(new InvitationAccepted(UUID.randomUUID(), m[e[0]], m[e[1]], Instant.now(), false));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int[] e : EDGES) {
                degree(e[0], e[1], 1);
            }
        });
    }

    void degree(int a, int b, Integer expected) {
        given().header("Authorization", TestTokens.bearer(m[a])).get("/members/" + m[a] + "/degree/" + m[b])
                .then().statusCode(200).body("degree", equalTo(expected));
    }

    void assertAnswers() {
        degree(0, 4, 2);
        degree(0, 5, 2);
        degree(0, 6, 3);
        degree(0, 7, null);
        degree(0, 9, null);
        degree(9, 10, 1);
        degree(11, 0, null);
        degree(8, 6, 2);
        given().header("Authorization", TestTokens.bearer(m[0])).get("/members/" + m[0] + "/network-size")
                .then().body("firstDegree", equalTo(3)).body("secondDegree", equalTo(2)).body("thirdDegree", equalTo(1));
        given().header("Authorization", TestTokens.bearer(m[6])).get("/members/" + m[6] + "/network-size")
                .then().body("firstDegree", equalTo(3)).body("secondDegree", equalTo(4)).body("thirdDegree", equalTo(1));
        given().header("Authorization", TestTokens.bearer(m[0])).get("/members/" + m[0] + "/pymk")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.member.memberId", contains(m[4].toString(), m[5].toString()))
                .body("items.mutualConnections", contains(2, 1))
                .body("items[0].reasons[0]", equalTo("2 mutual connections"))
                .body("items[0].member.firstName", equalTo("M4"));
        given().header("Authorization", TestTokens.bearer(m[0])).get("/members/" + m[0] + "/paths/" + m[6])
                .then().body("degree", equalTo(3)).body("paths.size()", equalTo(3))
                .body("paths.collect { it.collect { p -> p.firstName }.join('-') }",
                        containsInAnyOrder("M0-M1-M4-M6", "M0-M2-M4-M6", "M0-M3-M5-M6"));
        given().header("Authorization", TestTokens.bearer(m[0])).get("/members/" + m[0] + "/paths/" + m[7])
                .then().body("degree", equalTo(null)).body("paths.size()", equalTo(0));
        // the index and SQL agree on every pair
        QuarkusTransaction.requiringNew().run(() -> {
            for (int a = 0; a < 12; a++) {
                for (int b = 0; b < 12; b++) {
                    var g = index.index();
                    int d = g.degree(g.indexOf(m[a]), g.indexOf(m[b]));
                    Integer sql = graph.degree(m[a], m[b]);
                    assertEquals(sql == null ? -1 : sql, a == b ? 0 : d, "degree " + a + "-" + b);
                }
            }
        });
    }

    @Test
    void degrees_network_sizes_pymk_and_paths_of_a_known_graph_survive_a_rebuild() {
        draw();
        assertAnswers();
        index.rebuild(); // what a restart does
        assertAnswers();
    }

    @Test
    void pymk_is_your_own_and_skips_dismissed_and_blocked_members() {
        draw();
        given().header("Authorization", TestTokens.bearer(m[1])).get("/members/" + m[0] + "/pymk").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(m[0])).contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + m[4] + "\",\"reason\":\"not-relevant\"}").post("/pymk/dismissals").then().statusCode(204);
        given().header("Authorization", TestTokens.bearer(m[0])).get("/members/" + m[0] + "/pymk")
                .then().body("items.member.memberId", contains(m[5].toString()));
        given().header("Authorization", TestTokens.bearer(m[5])).contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + m[0] + "\"}").post("/blocks").then().statusCode(204);
        given().header("Authorization", TestTokens.bearer(m[0])).get("/members/" + m[0] + "/pymk")
                .then().body("total", equalTo(0));
        // a removed connection leaves the index after the commit
        given().header("Authorization", TestTokens.bearer(m[0])).delete("/connections/" + m[3]).then().statusCode(204);
        degree(0, 3, null); // 0-3 gone; 3 still reaches 0? no: 3-5-6-4-1-0 is 5 hops
    }
}
