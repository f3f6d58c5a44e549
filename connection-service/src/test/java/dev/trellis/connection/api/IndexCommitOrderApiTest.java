package dev.trellis.connection.api;

import dev.trellis.connection.application.PairService;
import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index follows the commit order of a pair's changes, not the order of the after-commit callbacks: a removal
 * that commits between a connection's commit and that connection's (late) callback leaves no phantom edge.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class IndexCommitOrderApiTest {
    @Inject
    PairService pairs;
    @Inject
    GraphRepository graph;
    @Inject
    GraphIndexStore index;
    @Inject
    TransactionSynchronizationRegistry registry;

    @Test
    void a_removal_committed_before_a_late_connect_callback_leaves_no_phantom_edge() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        // members through the topic, as every member arrives (the projection rebuild test compares with the topics)
        KafkaProbe.publish(new ProfileCreated(a, "Ann", "Late", null, Instant.now()));
        KafkaProbe.publish(new ProfileCreated(b, "Bob", "Early", null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> graph.known(a) && graph.known(b)));
        CountDownLatch committed = new CountDownLatch(1);
        CountDownLatch removed = new CountDownLatch(1);
        // holds the connecting transaction's after-commit callbacks until the removal has committed and applied;
        // registered before and after the index's own callback, whatever order the transaction manager calls them in
        Synchronization holdBack = new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                committed.countDown();
                try {
                    removed.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Thread connecting = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            registry.registerInterposedSynchronization(holdBack);
            pairs.onInvitationAccepted(new InvitationAccepted(UUID.randomUUID(), a, b, Instant.now(), false), false);
            registry.registerInterposedSynchronization(holdBack);
        }));
        connecting.start();
        assertTrue(committed.await(20, TimeUnit.SECONDS), "the connection committed");
        pairs.remove(a, b); // commits and applies its change now
        removed.countDown();
        connecting.join(30_000);

        QuarkusTransaction.requiringNew().run(() -> assertFalse(graph.connected(a, b), "the table has no edge"));
        var g = index.index();
        assertFalse(g.connected(g.indexOf(a), g.indexOf(b)), "the index has no phantom edge");
    }
}
