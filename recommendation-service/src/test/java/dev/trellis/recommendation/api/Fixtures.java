package dev.trellis.recommendation.api;

import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.profile.SkillAdded;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import dev.trellis.recommendation.store.MemberDirectory;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Members, connections and skills fed in as the other services publish them, and HTTP calls as a member. */
final class Fixtures {
    static final String TEXT = "Bob is the best reviewer I know: careful, quick and kind, and he ships on time.";

    static UUID member(String first, String last) {
        UUID id = UUID.randomUUID();
        KafkaProbe.publish(new ProfileCreated(id, first, last, first + " at Acme", Instant.now()));
        MemberDirectory directory = Arc.container().instance(MemberDirectory.class).get();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> first.equals(directory.nameFor(id, id).firstName())));
        return id;
    }

    static void connect(UUID a, UUID b) {
        KafkaProbe.publish(new ConnectionMade(a, b, UUID.randomUUID(), Instant.now()));
        FirstDegreeRepository firstDegree = Arc.container().instance(FirstDegreeRepository.class).get();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> firstDegree.connected(a, b)));
    }

    static void skill(UUID member, String skill) {
        KafkaProbe.publish(new SkillAdded(member, skill, Instant.now()));
        MemberDirectory directory = Arc.container().instance(MemberDirectory.class).get();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> directory.listedSkill(member, skill) != null));
    }

    static Response post(UUID as, String path, String body) {
        var r = given().header("Authorization", TestTokens.bearer(as));
        if (body != null) {
            r = r.contentType(ContentType.JSON).body(body);
        }
        return r.post(path);
    }

    static Response get(UUID as, String path) {
        return given().header("Authorization", TestTokens.bearer(as)).get(path);
    }

    /** Waits for a published record of this type whose key is {@code key} and returns the matching ones. */
    static List<ConsumerRecord<String, String>> published(String type, String key, Predicate<ConsumerRecord<String, String>> filter) {
        String full = "trellis.recommendation." + type + ".v1";
        await().atMost(Duration.ofSeconds(20)).until(() -> !KafkaProbe.find(Topics.RECOMMENDATION, full,
                r -> key.equals(r.key()) && filter.test(r)).isEmpty());
        return KafkaProbe.find(Topics.RECOMMENDATION, full, r -> key.equals(r.key()) && filter.test(r));
    }

    static String json(Object... kv) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(kv[i]).append("\":");
            Object v = kv[i + 1];
            b.append(v == null ? "null" : v instanceof String || v instanceof UUID ? "\"" + v + "\"" : v.toString());
        }
        return b.append('}').toString();
    }

    private Fixtures() {
    }
}
