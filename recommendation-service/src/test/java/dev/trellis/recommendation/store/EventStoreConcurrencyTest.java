package dev.trellis.recommendation.store;

import dev.trellis.events.EventTypes;
import dev.trellis.events.Topics;
import dev.trellis.events.recommendation.SkillEndorsed;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.NewEvent;
import dev.trellis.platform.eventstore.StoredEvent;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's event store and outbox relay with concurrent appends (a @QuarkusTest needs an application, so
 * it runs in this service; the event store is the same in every service). Appends of different partition keys
 * commit concurrently; the relay must never skip an event nor reorder one key's events. The case that tailing
 * by position gets wrong: a transaction takes a low position and commits late, while a later one commits and is
 * published first.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class EventStoreConcurrencyTest {
    @Inject
    EventStore store;
    @Inject
    AgroalDataSource dataSource;

    private static NewEvent event(String key, UUID id) {
        SkillEndorsed e = new SkillEndorsed(id, UUID.randomUUID(), UUID.randomUUID(), "Java", Instant.now());
        EventTypes.Descriptor d = EventTypes.of(SkillEndorsed.class);
        return new NewEvent(e, d.type(), d.topic(), key);
    }

    private static List<ConsumerRecord<String, String>> published(String key) {
        return KafkaProbe.readAll(Topics.RECOMMENDATION).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String endorsementId(ConsumerRecord<String, String> r) {
        return KafkaProbe.payload(r, SkillEndorsed.class).endorsementId().toString();
    }

    @Test
    void a_low_position_that_commits_late_is_published_and_one_keys_order_is_its_commit_order() throws Exception {
        String keyA = "key-a-" + UUID.randomUUID();
        String keyB = "key-b-" + UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        // T1: appends key A (the lowest position) and stays open
        CompletableFuture<Long> t1 = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            List<StoredEvent> s = store.appendAll("test-late-" + first, 0, List.of(event(keyA, first)));
            appended.countDown();
            assertTrue(release.await(60, TimeUnit.SECONDS));
            return s.get(0).position();
        }));
        assertTrue(appended.await(30, TimeUnit.SECONDS));

        // T2: key B, commits at once although T1 is still open (the old global lock made it wait for T1)
        long p2 = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() ->
                store.appendAll("test-early-" + other, 0, List.of(event(keyB, other))).get(0).position()))
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> published(keyB).size() == 1);
        assertEquals(other.toString(), endorsementId(published(keyB).get(0)));

        // T3: key A again: it waits for T1 (the per-key lock), so key A's positions follow its commit order
        CompletableFuture<Long> t3 = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() ->
                store.appendAll("test-after-" + second, 0, List.of(event(keyA, second))).get(0).position()));
        Thread.sleep(500);
        assertFalse(t3.isDone(), "an append of the same key waits for the open transaction of that key");
        assertEquals(List.of(), published(keyA), "nothing of key A is published while its first append is open");

        release.countDown();
        long p1 = t1.get(30, TimeUnit.SECONDS);
        long p3 = t3.get(30, TimeUnit.SECONDS);
        assertTrue(p1 < p2, "T1 holds a lower position than T2, which was published first: tailing by position "
                + "(everything above the last published position) would have skipped T1's event");
        assertTrue(p1 < p3);

        await().atMost(Duration.ofSeconds(20)).until(() -> published(keyA).size() == 2);
        List<String> order = published(keyA).stream().map(EventStoreConcurrencyTest::endorsementId).toList();
        assertEquals(List.of(first.toString(), second.toString()), order, "one key's events in commit order");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM event_store WHERE position = ANY (?) AND published_at IS NOT NULL")) {
            ps.setArray(1, c.createArrayOf("bigint", new Object[]{p1, p2, p3}));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(3, rs.getInt(1), "all three are marked published");
            }
        }
    }

    @Test
    void many_concurrent_appends_are_all_published_once_each_in_per_key_order() throws Exception {
        int keys = 8;
        int perKey = 25;
        String prefix = "burst-" + UUID.randomUUID() + "-";
        List<CompletableFuture<Void>> writers = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int k = 0; k < keys; k++) {
                String key = prefix + k;
                for (int i = 0; i < perKey; i++) {
                    int n = i;
                    writers.add(CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() ->
                            store.appendAll(key + "-stream-" + n, 0, List.of(event(key, UUID.randomUUID())))), pool));
                }
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> KafkaProbe.readAll(Topics.RECOMMENDATION).stream()
                .filter(r -> r.key() != null && r.key().startsWith(prefix)).count() >= keys * perKey);
        List<ConsumerRecord<String, String>> all = KafkaProbe.readAll(Topics.RECOMMENDATION).stream()
                .filter(r -> r.key() != null && r.key().startsWith(prefix)).toList();
        assertEquals(keys * perKey, all.size(), "each event published exactly once (no relay failure here)");
        // per key: the order on the topic is the order of the positions (the commit order of that key)
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT partition_key, event_id::text FROM event_store WHERE partition_key LIKE ? ORDER BY position")) {
            ps.setString(1, prefix + "%");
            java.util.Map<String, List<String>> stored = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.computeIfAbsent(rs.getString(1), x -> new java.util.ArrayList<>()).add(rs.getString(2));
                }
            }
            for (int k = 0; k < keys; k++) {
                String key = prefix + k;
                List<String> onTopic = all.stream().filter(r -> key.equals(r.key()))
                        .map(r -> KafkaProbe.header(r, "ce_id")).toList();
                assertEquals(stored.get(key), onTopic, "key " + key);
            }
        }
    }
}
