package dev.trellis.notification.api;

import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.notification.application.MessagingService;
import dev.trellis.notification.application.ReminderSweeper;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestClock;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.trellis.notification.api.NotificationApiTest.member;
import static dev.trellis.notification.api.NotificationApiTest.notifications;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Follow-up reminders and check-in suggestions: the sweep, with time moved by the TestClock. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_notification_test"))
class RemindersApiTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestClock clock;
    @Inject
    ReminderSweeper sweeper;
    @Inject
    MessagingService messaging;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    void connect(UUID x, UUID y, Instant at) {
        UUID[] p = x.compareTo(y) <= 0 ? new UUID[]{x, y} : new UUID[]{y, x};
        KafkaProbe.publish(new ConnectionMade(p[0], p[1], UUID.randomUUID(), at));
        await().atMost(WAIT).until(() -> messaging.facts(x, y).connected());
    }

    static List<String> kinds(UUID member) {
        return notifications(member).getList("items.kind");
    }

    @Test
    void three_quiet_days_after_connecting_remind_both_once() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        connect(olivia, chris, Instant.now());
        sweeper.sweep();
        assertEquals(List.of(), kinds(olivia));

        clock.advance(Duration.ofDays(3).plusMinutes(1));
        sweeper.sweep();
        assertEquals(List.of("FOLLOW_UP_REMINDER"), kinds(olivia));
        assertEquals(List.of("FOLLOW_UP_REMINDER"), kinds(chris));
        JsonPath n = notifications(olivia);
        assertEquals("You connected with Chris Cooper a few days ago: send a message to follow up", n.getString("items[0].text"));
        assertEquals(chris.toString(), n.getString("items[0].actor.memberId"));

        clock.advance(Duration.ofDays(1));
        sweeper.sweep();
        assertEquals(1, notifications(olivia).getInt("total"));
        assertEquals(1, notifications(chris).getInt("total"));
    }

    @Test
    void a_message_in_time_means_no_follow_up_reminder() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        connect(olivia, chris, Instant.now());
        given().header("Authorization", TestTokens.bearer(chris)).contentType(ContentType.JSON)
                .body(Map.of("to", olivia.toString(), "text", "Hello!")).post("/messages").then().statusCode(201);
        clock.advance(Duration.ofDays(4));
        sweeper.sweep();
        assertEquals(List.of(), kinds(olivia));
        assertEquals(List.of(), kinds(chris));
    }

    @Test
    void quiet_connections_are_suggested_at_most_once_a_week_per_member() {
        UUID ann = member("Ann", "Lee");
        UUID ben = member("Ben", "Ng");
        UUID cat = member("Cat", "Diaz");
        Instant longAgo = Instant.now().minus(Duration.ofDays(120));
        connect(ann, ben, longAgo);
        connect(ann, cat, longAgo.plusSeconds(60));

        sweeper.sweep();
        JsonPath a = notifications(ann);
        List<String> annKinds = a.getList("items.kind");
        assertEquals(1, annKinds.stream().filter("CHECK_IN_SUGGESTION"::equals).count(), annKinds.toString());
        // Ben and Cat each have one quiet connection (Ann): one suggestion each
        assertTrue(kinds(ben).contains("CHECK_IN_SUGGESTION"));
        assertTrue(kinds(cat).contains("CHECK_IN_SUGGESTION"));
        String first = a.getString("items.find { it.kind == 'CHECK_IN_SUGGESTION' }.actor.name");
        assertTrue(first.equals("Ben Ng") || first.equals("Cat Diaz"), first);
        assertTrue(a.getString("items.find { it.kind == 'CHECK_IN_SUGGESTION' }.text").startsWith("It's been a while since you talked with "));

        clock.advance(Duration.ofDays(6));
        sweeper.sweep();
        assertEquals(1, kinds(ann).stream().filter("CHECK_IN_SUGGESTION"::equals).count());

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        sweeper.sweep();
        List<String> names = notifications(ann).getList("items.findAll { it.kind == 'CHECK_IN_SUGGESTION' }.actor.name");
        assertEquals(2, names.size(), names.toString());
        assertTrue(names.containsAll(List.of("Ben Ng", "Cat Diaz")), names.toString());

        // nothing more for this quiet spell
        clock.advance(Duration.ofDays(14));
        sweeper.sweep();
        assertEquals(2, kinds(ann).stream().filter("CHECK_IN_SUGGESTION"::equals).count());
    }

    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void more_than_a_batch_of_waiting_follow_ups_does_not_keep_the_sweep_reading_the_same_rows() throws Exception {
        // given 600 connections made again an hour ago after an earlier message (not due for 3 days: waiting)
        Instant now = clock.now();
        List<UUID> waiting = new java.util.ArrayList<>();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 600; i++) {
                UUID x = UUID.randomUUID();
                UUID y = UUID.randomUUID();
                UUID[] p = x.compareTo(y) <= 0 ? new UUID[]{x, y} : new UUID[]{y, x};
                waiting.add(p[0]);
                em.createNativeQuery("INSERT INTO connection (member_a, member_b, connected_at, last_message_at) "
                                + "VALUES (?1, ?2, ?3, ?4)").setParameter(1, p[0]).setParameter(2, p[1])
                        .setParameter(3, now.minus(Duration.ofHours(1)).atOffset(java.time.ZoneOffset.UTC))
                        .setParameter(4, now.minus(Duration.ofDays(30)).atOffset(java.time.ZoneOffset.UTC))
                        .executeUpdate();
            }
        });
        try {
            // and one connection that is due
            UUID olivia = member("Olivia", "Taylor");
            UUID chris = member("Chris", "Cooper");
            connect(olivia, chris, now.minus(Duration.ofDays(3)).minusSeconds(60));
            // when the sweep runs: it ends (it used to re-read the same 500 waiting rows until they were due)
            var pool = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sweep-under-test");
                t.setDaemon(true);
                return t;
            });
            try {
                var run = pool.submit(() -> sweeper.sweep());
                run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            // then the due pair is reminded, and the waiting ones are left waiting
            assertEquals(List.of("FOLLOW_UP_REMINDER"), kinds(olivia));
            long stillWaiting = ((Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                    em.createNativeQuery("SELECT count(*) FROM connection WHERE member_a IN (?1) AND NOT follow_up_done")
                            .setParameter(1, waiting).getSingleResult())).longValue();
            assertEquals(600, stillWaiting);
        } finally {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                    em.createNativeQuery("DELETE FROM connection WHERE member_a IN (?1)").setParameter(1, waiting)
                            .executeUpdate());
        }
    }

    @Test
    void a_blocked_pair_is_never_reminded() {
        UUID olivia = member("Olivia", "Taylor");
        UUID chris = member("Chris", "Cooper");
        connect(olivia, chris, Instant.now());
        // a block whose ConnectionRemoved has not arrived (or never will)
        KafkaProbe.publish(new dev.trellis.events.connection.MemberBlocked(olivia, chris, Instant.now()));
        await().atMost(WAIT).until(() -> messaging.facts(olivia, chris).blocked());
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        sweeper.sweep();
        clock.advance(Duration.ofDays(100));
        sweeper.sweep();
        assertEquals(List.of(), kinds(olivia));
        assertEquals(List.of(), kinds(chris));
    }

    /** Due follow-ups of {@code n} new pairs (connected 3 days and a minute ago, no message); returns the members. */
    List<UUID> duePairs(int n) {
        Instant connectedAt = clock.now().minus(Duration.ofDays(3)).minusSeconds(60);
        List<UUID> members = new java.util.ArrayList<>();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < n; i++) {
                UUID x = UUID.randomUUID();
                UUID y = UUID.randomUUID();
                UUID[] p = x.compareTo(y) <= 0 ? new UUID[]{x, y} : new UUID[]{y, x};
                members.addAll(List.of(p));
                em.createNativeQuery("INSERT INTO connection (member_a, member_b, connected_at) VALUES (?1, ?2, ?3)")
                        .setParameter(1, p[0]).setParameter(2, p[1])
                        .setParameter(3, connectedAt.atOffset(java.time.ZoneOffset.UTC)).executeUpdate();
            }
        });
        return members;
    }

    /** Two replicas' sweeps at the same moment: every member of a due pair is reminded once (one ReminderSent), not twice. */
    @Test
    void two_sweeps_at_once_remind_each_member_once() throws Exception {
        List<UUID> members = duePairs(20);
        var start = new java.util.concurrent.CyclicBarrier(2);
        var two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<Integer> sweep = () -> {
                start.await();
                return sweeper.sweep();
            };
            var first = two.submit(sweep);
            var second = two.submit(sweep);
            first.get(60, java.util.concurrent.TimeUnit.SECONDS);
            second.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            two.shutdownNow();
        }
        // one decision journaled per member (a replay re-applies every ReminderSent), one notification shown
        String type = dev.trellis.notification.application.PrivateEvents.type(
                dev.trellis.notification.application.PrivateEvents.ReminderSent.class);
        for (UUID m : members) {
            long journaled = ((Number) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                    em.createNativeQuery("SELECT count(*) FROM event_store WHERE event_type = ?1 "
                                    + "AND payload->>'memberId' = ?2")
                            .setParameter(1, type).setParameter(2, m.toString()).getSingleResult())).longValue();
            assertEquals(1, journaled, "ReminderSent events of member " + m);
            assertEquals(List.of("FOLLOW_UP_REMINDER"), kinds(m), "member " + m);
        }
    }

    /** While another replica sweeps (holds the sweep's lock), this one skips its round; the next round sweeps. */
    @Test
    void a_sweep_is_skipped_while_another_replica_sweeps() throws Exception {
        UUID member = duePairs(1).get(0);
        try (java.sql.Connection other = BadgeStreamApiTest.anotherReplicasSession();
             var lock = other.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            lock.setInt(1, dev.trellis.platform.store.LongSessions.SWEEP_LOCK_CLASS);
            lock.setString(2, "notification-reminders");
            try (var rs = lock.executeQuery()) {
                assertTrue(rs.next() && rs.getBoolean(1));
            }
            assertEquals(0, sweeper.sweep());
            assertEquals(List.of(), kinds(member));
        } // the other replica's session ends: its lock with it
        assertTrue(sweeper.sweep() >= 2);
        assertEquals(List.of("FOLLOW_UP_REMINDER"), kinds(member));
    }
}
