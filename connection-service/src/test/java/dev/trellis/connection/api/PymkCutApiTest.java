package dev.trellis.connection.api;

import dev.trellis.connection.store.GraphIndexStore;
import dev.trellis.connection.store.GraphRepository;
import dev.trellis.testing.TestTokens;
import dev.trellis.testing.TrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PYMK is cut at 400, and the cut is the top of the documented ranking: score, then more mutual connections, then
 * the lower member id as a canonical lowercase string. 450 exact ties (one mutual connection each) cross the cut,
 * behind 50 members with two mutual connections; the index numbers the members in an order unrelated to their ids.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_connection_test"))
class PymkCutApiTest {
    @Inject
    GraphRepository graph;
    @Inject
    GraphIndexStore index;
    @Inject
    jakarta.persistence.EntityManager em;
    final List<UUID> written = new ArrayList<>();

    @Test
    void the_cut_follows_the_ranking_including_its_final_tie_break() {
        Random random = new Random(12);
        UUID me = new UUID(random.nextLong(), random.nextLong());
        UUID f1 = new UUID(random.nextLong(), random.nextLong());
        UUID f2 = new UUID(random.nextLong(), random.nextLong());
        List<UUID> twos = new ArrayList<>();
        List<UUID> ones = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            twos.add(new UUID(random.nextLong(), random.nextLong()));
        }
        for (int i = 0; i < 450; i++) {
            ones.add(new UUID(random.nextLong(), random.nextLong()));
        }
        Stream.of(List.of(me, f1, f2), twos, ones).flatMap(List::stream).forEach(written::add);
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            Stream.of(List.of(me, f1, f2), twos, ones).flatMap(List::stream)
                    .forEach(m -> graph.upsertMember(m, "P", m.toString().substring(0, 8), null));
            graph.connect(me, f1, now, null);
            graph.connect(me, f2, now, null);
            for (UUID t : twos) {
                graph.connect(f1, t, now, null);
                graph.connect(f2, t, now, null);
            }
            List<UUID> shuffled = new ArrayList<>(ones);
            Collections.shuffle(shuffled, random);
            for (UUID o : shuffled) {
                graph.connect(f1, o, now, null);
            }
        });
        index.rebuild();

        List<String> expected = new ArrayList<>(twos.stream().map(UUID::toString).sorted().toList());
        expected.addAll(ones.stream().map(UUID::toString).sorted().limit(350).toList());
        List<String> got = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            var r = given().header("Authorization", TestTokens.bearer(me))
                    .get("/members/" + me + "/pymk?page=" + page + "&size=100").then().statusCode(200)
                    .extract();
            assertEquals(400, r.<Integer>path("total"));
            got.addAll(r.<List<String>>path("items.member.memberId"));
        }
        assertEquals(expected, got);
    }

    /** The rows written here are in no topic: remove them, so that the projection rebuild test finds the tables equal to the topics. */
    @org.junit.jupiter.api.AfterEach
    void removeTheRowsNoEventMade() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String sql : List.of("DELETE FROM connection WHERE member_id = ANY(?1) OR other_id = ANY(?1)",
                    "DELETE FROM member WHERE member_id = ANY(?1)")) {
                em.createNativeQuery(sql).setParameter(1, written.toArray(new UUID[0])).executeUpdate();
            }
        });
        index.rebuild();
    }
}
