package dev.trellis.connection.api;

import dev.trellis.events.EventTypes;
import dev.trellis.events.Topics;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.platform.inbox.Inbox;
import dev.trellis.testing.KafkaProbe;
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
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An event of a type this version does not know is parked, not recorded as processed; once the type is known (a
 * newer version runs), the consumer applies it. (The platform inbox, tested through one service.)
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class ParkedEventsApiTest {
    @Inject
    DataSource db;
    @Inject
    Inbox inbox;

    @Test
    void an_unknown_type_is_parked_and_applied_once_it_is_known() throws Exception {
        UUID future = UUID.randomUUID();
        KafkaProbe.sendRaw(Topics.PROFILE, UUID.randomUUID().toString(), "{\"memberId\":\"" + UUID.randomUUID() + "\"}",
                Map.of("ce_id", future.toString(), "ce_type", "trellis.profile.SomethingNew.v1",
                        "ce_source", "/profile-service", "ce_specversion", "1.0"));
        await().atMost(20, SECONDS).until(() -> count("parked_event", future) == 1);
        assertEquals(0, count("processed_event", future), "an unknown type is not recorded as processed");

        // A row parked by an older version whose type this version knows: applied with the next record.
        UUID member = UUID.randomUUID();
        UUID known = UUID.randomUUID();
        String payload = "{\"memberId\":\"" + member + "\",\"firstName\":\"Parked\",\"lastName\":\"Event\","
                + "\"headline\":\"h\",\"createdAt\":\"" + Instant.now() + "\"}";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO parked_event (consumer, event_id, event_type, topic, kafka_partition, kafka_offset,
                                          record_key, headers, payload)
                VALUES ('connection-profiles', ?, ?, ?, 0, 0, ?, ?::jsonb, ?)""")) {
            ps.setObject(1, known);
            ps.setString(2, EventTypes.typeOf(ProfileCreated.class));
            ps.setString(3, Topics.PROFILE);
            ps.setString(4, member.toString());
            ps.setString(5, "{\"ce_id\":\"" + known + "\",\"ce_type\":\"" + EventTypes.typeOf(ProfileCreated.class)
                    + "\",\"ce_source\":\"/profile-service\",\"ce_specversion\":\"1.0\"}");
            ps.setString(6, payload);
            ps.executeUpdate();
        }
        inbox.rescanParked();
        KafkaProbe.publish(new ProfileCreated(UUID.randomUUID(), "Next", "Record", "h", Instant.now()));
        await().atMost(20, SECONDS).until(() -> count("processed_event", known) == 1);
        assertEquals(0, count("parked_event", known));
        assertEquals(1, count("parked_event", future), "a type still unknown stays parked");
    }

    private long count(String table, UUID eventId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE event_id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
