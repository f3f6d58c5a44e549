package dev.trellis.connection.api;

import dev.trellis.connection.domain.PairRelation;
import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.events.EventTypes;
import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.connection.ConnectionRemoved;
import dev.trellis.events.connection.MemberPair;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Changes committed by ANOTHER replica reach this replica's graph index. The other replica is simulated by plain
 * JDBC transactions that write the event store and the tables as PairService would, but without this JVM's
 * after-commit callbacks: only the tail of the event store can bring them into the index.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class GraphIndexTailApiTest {
    /** When the simulated replica's connections were made (event and rows agree, as PairService writes them). */
    private static final String AT = "2026-12-02T00:00:00Z";
    @Inject
    DataSource dataSource;
    @Inject
    GraphIndexStore index;

    @Test
    void a_connection_committed_by_another_replica_is_answered_here() throws Exception {
        UUID a = GraphApiTest.member("Tail", "Ann");
        UUID b = GraphApiTest.member("Tail", "Bob");
        try (Connection c = otherReplica()) {
            connect(c, a, b, 1);
            c.commit();
        }
        GraphApiTest.awaitDegree(a, b, 1);
        GraphApiTest.awaitDegree(b, a, 1);
        try (Connection c = otherReplica()) {
            disconnect(c, a, b, 2);
            c.commit();
        }
        GraphApiTest.awaitDegree(a, b, null);
    }

    @Test
    void a_commit_with_a_lower_position_that_lands_later_is_not_skipped() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c1 = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        try (Connection slow = otherReplica(); Connection fast = otherReplica()) {
            connect(slow, a, b, 1); // takes the lower position and transaction id, commits last
            connect(fast, c1, d, 1);
            fast.commit();
            Thread.sleep(500); // several tail reads happen while the lower position is still uncommitted
            assertFalse(connected(a, b));
            slow.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connected(a, b) && connected(c1, d));
    }

    @Test
    void the_newest_change_of_a_pair_wins_whatever_order_the_tail_reads_them_in() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        // a batch transaction that began (and took its transaction id) before the connection was made decides the
        // removal after the connection committed: the tail reads version 2 (removed) before version 1 (made)
        try (Connection batch = otherReplica(); Connection connecting = otherReplica()) {
            try (PreparedStatement ps = batch.prepareStatement("SELECT pg_current_xact_id()")) {
                ps.executeQuery().close();
            }
            connect(connecting, a, b, 1);
            connecting.commit();
            disconnect(batch, a, b, 2);
            batch.commit();
        }
        UUID x = UUID.randomUUID();
        UUID y = UUID.randomUUID();
        try (Connection c = otherReplica()) {
            connect(c, x, y, 1); // a later marker: once it is in, the pair above was read too
            c.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connected(x, y));
        assertFalse(connected(a, b));
    }

    @Test
    void tables_swapped_in_by_an_operator_on_another_replica_are_reloaded() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (Connection c = otherReplica()) {
            // rows only (as a rebuild swap writes them), then the raised generation
            rows(c, a, b);
            bumpGeneration(c);
            c.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connected(a, b));
        try (Connection c = otherReplica()) {
            // and back: the tables equal the topics again (the rebuild test compares them)
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM connection WHERE member_id IN (?, ?)")) {
                ps.setObject(1, a);
                ps.setObject(2, b);
                ps.executeUpdate();
            }
            bumpGeneration(c);
            c.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !connected(a, b));
    }

    private static void bumpGeneration(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("UPDATE graph_index_generation SET generation = generation + 1")) {
            ps.executeUpdate();
        }
    }

    @Test
    void readiness_reports_the_tail() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("checks.name", hasItem("graph-index")).body("status", equalTo("UP")));
    }

    private boolean connected(UUID a, UUID b) {
        var g = index.index();
        return g.indexOf(a) >= 0 && g.indexOf(b) >= 0 && g.connected(g.indexOf(a), g.indexOf(b));
    }

    private Connection otherReplica() throws Exception {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private static void connect(Connection c, UUID a, UUID b, long version) throws Exception {
        append(c, a, b, version, EventTypes.typeOf(ConnectionMade.class), "{\"memberA\":\"%s\",\"memberB\":\"%s\",\"invitationId\":null,"
                + "\"connectedAt\":\"" + AT + "\"}");
        rows(c, a, b);
    }

    private static void disconnect(Connection c, UUID a, UUID b, long version) throws Exception {
        append(c, a, b, version, EventTypes.typeOf(ConnectionRemoved.class), "{\"memberA\":\"%s\",\"memberB\":\"%s\",\"removedBy\":\"%1$s\","
                + "\"removedAt\":\"2026-12-02T00:00:00Z\"}");
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM connection WHERE (member_id = ? AND other_id = ?) OR (member_id = ? AND other_id = ?)")) {
            ps.setObject(1, a);
            ps.setObject(2, b);
            ps.setObject(3, b);
            ps.setObject(4, a);
            ps.executeUpdate();
        }
    }

    private static void rows(Connection c, UUID a, UUID b) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connection (member_id, other_id, connected_at) "
                + "VALUES (?, ?, '" + AT + "'), (?, ?, '" + AT + "') ON CONFLICT DO NOTHING")) {
            ps.setObject(1, a);
            ps.setObject(2, b);
            ps.setObject(3, b);
            ps.setObject(4, a);
            ps.executeUpdate();
        }
    }

    private static void append(Connection c, UUID a, UUID b, long version, String type, String payload)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO event_store (stream_id, stream_version, event_id, event_type, topic, partition_key, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            ps.setString(1, PairRelation.streamId(a, b));
            ps.setLong(2, version);
            ps.setObject(3, UUID.randomUUID());
            ps.setString(4, type);
            ps.setString(5, Topics.CONNECTION); // published like any other: the rebuild test compares the topics
            ps.setString(6, MemberPair.key(a, b));
            ps.setString(7, payload.formatted(a, b));
            ps.executeUpdate();
        }
    }
}
