package dev.trellis.recommendation.store;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.profile.MemberFollowed;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's batched consumer (Inbox.processBatch) through a real channel of this service: a burst of
 * records is applied in few transactions (processed_event.processed_at is the transaction's start time, so rows
 * of one transaction share it), and a poison record inside a batch is dead-lettered alone while the records
 * before and after it are applied.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class BatchedConsumerTest {
    private static final String CONSUMER = "recommendation-connections";

    @Inject
    AgroalDataSource dataSource;

    private record Applied(int rows, int transactions) {
    }

    private Applied applied(List<UUID> ids) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT count(*), count(DISTINCT processed_at) FROM processed_event
                     WHERE consumer = ? AND event_id = ANY (?)""")) {
            ps.setString(1, CONSUMER);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Applied(rs.getInt(1), rs.getInt(2));
            }
        }
    }

    private int connections(UUID a, UUID b) throws Exception {
        return count("SELECT count(*) FROM first_degree WHERE member_id = ? AND other_id = ?", a, b);
    }

    @Test
    void a_burst_is_applied_in_a_few_transactions_not_one_per_record() throws Exception {
        UUID hub = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        List<KafkaProbe.Raw> burst = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            burst.add(KafkaProbe.cloudEvent(id, new ConnectionMade(hub, UUID.randomUUID(), UUID.randomUUID(), Instant.now())));
        }
        KafkaProbe.sendAll(burst);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(ids).rows() == ids.size());
        Applied a = applied(ids);
        assertTrue(a.transactions() <= 20, "200 records in " + a.transactions() + " transactions");
    }

    @Test
    void a_poison_record_in_a_batch_is_dead_lettered_alone_and_its_neighbours_are_applied() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        String poisonId = UUID.randomUUID().toString();
        ConnectionMade first = new ConnectionMade(a, b, UUID.randomUUID(), Instant.now());
        ConnectionMade last = new ConnectionMade(a, c, UUID.randomUUID(), Instant.now());
        KafkaProbe.Raw good1 = KafkaProbe.cloudEvent(before, first);
        KafkaProbe.Raw good2 = KafkaProbe.cloudEvent(after, last);
        // same key as its neighbours: the same partition, so the three come in order, most likely in one poll
        KafkaProbe.Raw poison = new KafkaProbe.Raw(Topics.CONNECTION, good1.key(), "{not json", Map.of(
                "ce_id", poisonId, "ce_type", "trellis.connection.ConnectionMade.v1"));
        KafkaProbe.Raw good3 = KafkaProbe.cloudEvent(after, last); // a redelivery of good2 in the same batch
        KafkaProbe.sendAll(List.of(good1, poison, good2, good3));

        await().atMost(Duration.ofSeconds(30)).until(() -> applied(List.of(before, after)).rows() == 2);
        assertEquals(1, connections(a, b));
        assertEquals(1, connections(a, c), "applied once although it came twice");
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaProbe.readAll(Topics.deadLetter("recommendation")).stream()
                .anyMatch(r -> poisonId.equals(KafkaProbe.header(r, "ce_id"))));
        ConsumerRecord<String, String> dead = KafkaProbe.readAll(Topics.deadLetter("recommendation")).stream()
                .filter(r -> poisonId.equals(KafkaProbe.header(r, "ce_id"))).findFirst().orElseThrow();
        assertEquals(Topics.CONNECTION, KafkaProbe.header(dead, "dead-letter-topic"));
        assertTrue(KafkaProbe.header(dead, "dead-letter-reason").contains("cannot parse"), KafkaProbe.header(dead, "dead-letter-reason"));
        assertEquals("{not json", dead.value());
        assertEquals(1L, KafkaProbe.readAll(Topics.deadLetter("recommendation")).stream()
                .filter(r -> poisonId.equals(KafkaProbe.header(r, "ce_id"))).count(), "dead-lettered once");
    }

    @Test
    void events_a_consumer_does_not_handle_are_acknowledged_unread_and_unrecorded() throws Exception {
        UUID member = UUID.randomUUID();
        UUID followId = UUID.randomUUID();
        String unreadableFollowId = UUID.randomUUID().toString();
        UUID createdId = UUID.randomUUID();
        KafkaProbe.Raw follow = KafkaProbe.cloudEvent(followId, new MemberFollowed(member, UUID.randomUUID(), Instant.now()));
        // a follow whose payload is not even JSON: never parsed, so never poison here
        KafkaProbe.Raw unreadable = new KafkaProbe.Raw(Topics.PROFILE, follow.key(), "{not json", Map.of(
                "ce_id", unreadableFollowId, "ce_type", "trellis.profile.MemberFollowed.v1"));
        KafkaProbe.Raw created = KafkaProbe.cloudEvent(createdId, new ProfileCreated(member, "Ada", "Skipped", "Engineer",
                Instant.now()));
        KafkaProbe.sendAll(List.of(follow, unreadable, created));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded("recommendation-profiles", createdId));
        assertEquals(1, count("SELECT count(*) FROM member_profile WHERE member_id = ?", member), "ProfileCreated applied");
        assertTrue(!recorded("recommendation-profiles", followId), "a MemberFollowed is not recorded as processed");
        assertTrue(!recorded("recommendation-profiles", UUID.fromString(unreadableFollowId)));
        assertTrue(KafkaProbe.readAll(Topics.deadLetter("recommendation")).stream()
                .noneMatch(r -> unreadableFollowId.equals(KafkaProbe.header(r, "ce_id"))), "not dead-lettered: never read");
    }

    private boolean recorded(String consumer, UUID id) throws Exception {
        return count("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?", consumer, id) == 1;
    }

    private int count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
