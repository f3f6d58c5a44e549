package dev.trellis.recommendation.api;

import dev.trellis.events.Topics;
import dev.trellis.recommendation.application.EndorsementService;
import dev.trellis.recommendation.application.RecommendationService;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import dev.trellis.recommendation.store.MemberDirectory;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.trellis.recommendation.api.Fixtures.TEXT;
import static dev.trellis.recommendation.api.Fixtures.connect;
import static dev.trellis.recommendation.api.Fixtures.get;
import static dev.trellis.recommendation.api.Fixtures.json;
import static dev.trellis.recommendation.api.Fixtures.member;
import static dev.trellis.recommendation.api.Fixtures.post;
import static dev.trellis.recommendation.api.Fixtures.skill;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Racing commands end in exactly one winner and the others' refusal, never a 500 or a duplicate event. */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class ConcurrencyApiTest {

    static List<Integer> race(int n, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void racing_writes_endorsements_and_decisions_have_one_winner() throws Exception {
        UUID ada = member("Ada", "Race");
        UUID ben = member("Ben", "Race");
        connect(ada, ben);
        skill(ben, "Erlang");

        List<Integer> writes = race(4, () -> post(ada, "/recommendations",
                json("recipientId", ben, "relationship", "WORKED_WITH", "text", TEXT)).statusCode());
        assertEquals(1, writes.stream().filter(s -> s == 201).count(), writes.toString());
        assertEquals(3, writes.stream().filter(s -> s == 409).count(), writes.toString());

        List<Integer> endorsements = race(4, () -> post(ada, "/members/" + ben + "/endorsements", "{\"skill\":\"Erlang\"}").statusCode());
        assertEquals(1, endorsements.stream().filter(s -> s == 201).count(), endorsements.toString());
        assertEquals(3, endorsements.stream().filter(s -> s == 409).count(), endorsements.toString());
        get(ben, "/members/" + ben + "/skills").then().body("items[0].endorsements", equalTo(1));

        String id = get(ben, "/recommendations/received").then().extract().path("items[0].recommendationId");
        List<Integer> decisions = race(4, () -> post(ben, "/recommendations/" + id + "/accept", null).statusCode());
        assertEquals(1, decisions.stream().filter(s -> s == 200).count(), decisions.toString());
        assertEquals(3, decisions.stream().filter(s -> s == 409).count(), decisions.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> KafkaProbe.find(Topics.RECOMMENDATION,
                "trellis.recommendation.RecommendationAccepted.v1", r -> id.equals(r.key())).size() == 1);
        assertEquals(1, KafkaProbe.find(Topics.RECOMMENDATION, "trellis.recommendation.RecommendationWritten.v1",
                r -> KafkaProbe.payload(r, dev.trellis.events.recommendation.RecommendationWritten.class).recipientId().equals(ben)).size());
    }

    /**
     * Runs {@code consumer} in a transaction that stays open while {@code command} is sent: the command must wait for
     * the consumer's commit (it relies on what the consumer is changing) and is then judged on the committed state.
     * Without that, the command would see the old state and its result would survive the consumer's clean-up.
     */
    static int whileConsumerIsMidway(Runnable consumer, Callable<Integer> command) throws Exception {
        CountDownLatch changed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> tx = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                consumer.run();
                changed.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            changed.await(20, TimeUnit.SECONDS);
            Future<Integer> answer = pool.submit(command);
            // the command waits for the consumer's transaction instead of deciding on what it is removing
            assertThrows(TimeoutException.class, () -> answer.get(1500, TimeUnit.MILLISECONDS),
                    "the command did not wait for the consumer's transaction");
            release.countDown();
            tx.get(20, TimeUnit.SECONDS);
            return answer.get(20, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    @Test
    void a_command_racing_a_connection_removed_or_skill_removed_consumer_never_outlives_it() throws Exception {
        UUID cid = member("Cid", "Race");
        UUID dee = member("Dee", "Race");
        connect(cid, dee);
        skill(dee, "Haskell");
        FirstDegreeRepository firstDegree = Arc.container().instance(FirstDegreeRepository.class).get();
        RecommendationService recommendations = Arc.container().instance(RecommendationService.class).get();
        EndorsementService endorsements = Arc.container().instance(EndorsementService.class).get();
        MemberDirectory directory = Arc.container().instance(MemberDirectory.class).get();

        // Dee removes the skill while Cid endorses it: refused once the removal commits, nothing left behind
        int endorse = whileConsumerIsMidway(() -> {
            directory.removeSkill(dee, "Haskell");
            endorsements.withdrawSkill(dee, "Haskell");
        }, () -> post(cid, "/members/" + dee + "/endorsements", "{\"skill\":\"Haskell\"}").statusCode());
        assertEquals(422, endorse);
        get(cid, "/members/" + dee + "/skills/Haskell/endorsers").then().body("total", equalTo(0));

        // the connection is removed (ConnectionRemoved consumer) while Cid writes: 403 and no live recommendation
        int write = whileConsumerIsMidway(() -> {
            firstDegree.disconnect(cid, dee);
            recommendations.withdrawBetween(cid, dee);
            endorsements.withdrawBetween(cid, dee);
        }, () -> post(cid, "/recommendations", json("recipientId", dee, "relationship", "WORKED_WITH", "text", TEXT)).statusCode());
        assertEquals(403, write);
        get(dee, "/recommendations/received").then().body("total", equalTo(0));
        get(cid, "/recommendations/given").then().body("total", equalTo(0));
    }
}
