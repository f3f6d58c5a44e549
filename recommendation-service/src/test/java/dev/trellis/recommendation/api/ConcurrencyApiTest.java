package dev.trellis.recommendation.api;

import dev.trellis.events.Topics;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
}
