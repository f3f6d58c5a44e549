package dev.trellis.notification.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.events.EventTypes;
import dev.trellis.events.Topics;
import dev.trellis.events.notification.MessageSent;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.notification.store.MemberEntity;
import dev.trellis.platform.outbox.OutboxRelay;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.trellis.notification.api.NotificationApiTest.connectionMade;
import static dev.trellis.notification.api.NotificationApiTest.member;
import static dev.trellis.notification.api.NotificationApiTest.now;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-process state that must hold up with 2+ replicas (issue 14), driven through the running service: the
 * long-lived database sessions survive their backend being killed, readiness waits for the revocation reader, and
 * parked events are looked at again while the service runs.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class ReplicaStateApiTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String RELAY = "trellis-notification-outbox-relay";
    static final String BADGES = "trellis-notification-badge-listener";

    @Inject
    DataSource db;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper json;
    @TestHTTPResource("/badges/stream")
    URI stream;

    /** The number the query gives for the one parameter {@code arg} (0 for no row). */
    long scalar(String sql, Object arg) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The backend pid of this service's long-lived session {@code applicationName} (0 if there is none now). */
    int backendOf(String applicationName) throws Exception {
        return (int) scalar("SELECT pid FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()",
                applicationName);
    }

    /** As an operator, a failover or a network cut would: PostgreSQL ends the backend of that session. */
    void terminate(int pid) throws Exception {
        assertEquals(1, scalar("SELECT pg_terminate_backend(?)::int", pid), "backend " + pid + " was not terminated");
    }

    /** Waits for the session to be there again on a new backend (not {@code old}); returns its pid. */
    int awaitNewBackend(String applicationName, int old) {
        int[] pid = new int[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            pid[0] = backendOf(applicationName);
            return pid[0] != 0 && pid[0] != old;
        });
        return pid[0];
    }

    @Test
    void the_relay_takes_the_lead_again_after_its_backend_is_terminated_and_publishes() throws Exception {
        await().atMost(WAIT).until(relay::isLeader);
        int before = backendOf(RELAY);
        assertTrue(before != 0, "the relay's session is not in pg_stat_activity as " + RELAY);
        assertTrue(holdsAdvisoryLock(before), "the relay's session holds no advisory lock");

        terminate(before);
        int after = awaitNewBackend(RELAY, before);
        await().atMost(WAIT).until(() -> relay.isLeader() && holdsAdvisoryLock(after));

        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        connectionMade(olivia, chris);
        String conversation = given().header("Authorization", TestTokens.bearer(chris)).contentType(ContentType.JSON)
                .body(Map.of("to", olivia.toString(), "text", "Still there?")).post("/messages")
                .then().statusCode(201).extract().jsonPath().getString("conversationId");
        String type = EventTypes.typeOf(MessageSent.class);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                !KafkaProbe.find(Topics.NOTIFICATION, type, r -> r.value().contains(conversation)).isEmpty());
    }

    private boolean holdsAdvisoryLock(int pid) throws Exception {
        return scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ?", pid) > 0;
    }

    @Test
    void the_badge_listener_listens_again_after_its_backend_is_terminated() throws Exception {
        UUID alice = member("Alice", "Smith");
        UUID bob = member("Bob", "Jones");
        KafkaProbe.publish(new dev.trellis.events.invitation.InvitationSent(UUID.randomUUID(), alice, bob, null, null,
                null, null, now(), null));
        await().atMost(WAIT).until(() -> NotificationApiTest.myNetwork(bob) == 1);
        await().atMost(WAIT).until(() -> backendOf(BADGES) != 0);
        try (SseClient bobs = SseClient.open(URI.create(stream + "?ticket="
                + BadgeStreamApiTest.ticket(TestTokens.forMember(bob))), null)) {
            assertEquals(1, bobs.next(WAIT).getLong("myNetwork"));
            int before = backendOf(BADGES);
            terminate(before);
            awaitNewBackend(BADGES, before);
            // a change committed by another replica after the reconnect is pushed to the open stream
            BadgeStreamApiTest.seenByAnotherReplica(bob, 1);
            bobs.await(b -> b.getLong("myNetwork") == 0, WAIT);
        }
    }

    @Test
    void readiness_waits_for_the_revocation_reader_and_is_up_once_it_caught_up() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'revocations' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'revocations' }.data.caughtUp", equalTo(true)));
    }

    /**
     * A replica of an older version parks an event of a type this replica knows, after this replica's consumer
     * already looked at the parked events: the periodic rescan (every second in tests) applies it with a later
     * record, without a restart.
     */
    @Test
    void an_event_parked_by_another_replica_after_the_start_is_applied_by_the_periodic_rescan() throws Exception {
        member("Pat", "Early"); // the profiles consumer has handled a record: its parked events were looked at

        UUID late = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        ProfileCreated created = new ProfileCreated(late, "Parked", "Late", "h", Instant.now());
        String headers = json.writeValueAsString(Map.of("ce_id", eventId.toString(), "ce_specversion", "1.0",
                "ce_type", EventTypes.typeOf(ProfileCreated.class), "ce_source", "//trellis/profile"));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO parked_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset, "
                        + "record_key, headers, payload) VALUES ('notification-profiles', ?, ?, ?, 0, 0, ?, ?::jsonb, ?)")) {
            ps.setObject(1, eventId);
            ps.setString(2, EventTypes.typeOf(ProfileCreated.class));
            ps.setString(3, Topics.PROFILE);
            ps.setString(4, late.toString());
            ps.setString(5, headers);
            ps.setString(6, json.writeValueAsString(created));
            assertEquals(1, ps.executeUpdate());
        }
        // later records of the consumer (one every 2 s): the first after a rescan tick applies the parked event
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            KafkaProbe.publish(new ProfileCreated(UUID.randomUUID(), "Next", "Record", "h", Instant.now()));
            return QuarkusTransaction.requiringNew().call(() -> MemberEntity.findById(late) != null);
        });
        assertEquals(0, scalar("SELECT count(*) FROM parked_event WHERE event_id = ?", eventId));
        assertEquals(1, scalar("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId));
    }
}
