package dev.trellis.systest;

import dev.trellis.events.Topics;
import dev.trellis.testing.PersonalDataScan;
import dev.trellis.testing.TestDatabases;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Closing an account through the running suite (issue 18): a member with a profile, connections, invitations
 * with notes (sent and received), a recommendation, an endorsement and messages closes the account. Then no
 * table of any service's database (event stores included) and no record of any topic, read from the beginning,
 * holds the member's e-mail, names, headline, notes, recommendation text or message texts; connection-service's
 * rebuild from the topics brings nothing back; and the others see the member gone.
 */
@ExtendWith(SharedSuite.class)
class ErasureIT {
    static Suite suite;
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @BeforeAll
    static void start() {
        suite = SharedSuite.suite();
    }

    static String letters() {
        StringBuilder s = new StringBuilder();
        for (char c : UUID.randomUUID().toString().replace("-", "").toCharArray()) {
            s.append((char) ('a' + Character.digit(c, 16) % 26));
        }
        return s.substring(0, 8);
    }

    static String invite(Member from, Member to, String note) {
        return await().atMost(PATIENCE).until(() -> from.at(suite, "invitation")
                .body(Map.of("toMemberId", to.id().toString(), "note", note)).post("/invitations"),
                r -> r.statusCode() == 201).path("invitationId");
    }

    @Test
    void a_closed_account_leaves_nothing_readable_anywhere_and_the_others_see_the_member_gone() throws Exception {
        String tag = letters();
        Member erin = Member.signUp(suite, "Erasmo" + tag, "Forgetti" + tag);
        Member bob = Member.signUp(suite, "Bob", "Stays");
        Member cat = Member.signUp(suite, "Cat", "Stays");
        Member dan = Member.signUp(suite, "Dan", "Stays");
        String headline = "Chief Oblivion Officer " + tag;
        String note = "Remember our " + tag + " project?";
        String noteToErin = "Hello Erasmo, " + tag + " invitation for you";
        String pendingNote = "Pending " + tag + " note to Dan";
        String recommendation = "Erasmo " + tag + " wrote this glowing recommendation.";
        String message = "Secret " + tag + " message from Erasmo";
        String reply = "A reply of Bob's, which stays";

        erin.at(suite, "profile").body(Map.of("headline", headline)).patch("/profiles/me").then().statusCode(200);
        erin.at(suite, "profile").body(Map.of("skill", "Oblivion")).post("/profiles/me/skills").then().statusCode(200);
        // connected to Bob (with a note), a pending invitation to Dan and one from Cat, both with notes
        String toBob = invite(erin, bob, note);
        bob.at(suite, "invitation").post("/invitations/" + toBob + "/accept").then().statusCode(200);
        String toDan = invite(erin, dan, pendingNote);
        String fromCat = invite(cat, erin, noteToErin);
        await().atMost(PATIENCE).untilAsserted(() -> bob.at(suite, "connection")
                .get("/members/" + bob.id() + "/degree/" + erin.id()).then().body("degree", equalTo(1)));
        // a recommendation for Bob, Bob's endorsement of Erasmo's skill, messages both ways
        await().atMost(PATIENCE).until(() -> erin.at(suite, "recommendation")
                .body(Map.of("recipientId", bob.id().toString(), "relationship", "WORKED_WITH", "text", recommendation))
                .post("/recommendations"), r -> r.statusCode() == 201);
        await().atMost(PATIENCE).until(() -> bob.at(suite, "recommendation").body(Map.of("skill", "Oblivion"))
                .post("/members/" + erin.id() + "/endorsements"), r -> r.statusCode() / 100 == 2);
        await().atMost(PATIENCE).until(() -> erin.at(suite, "notification")
                .body(Map.of("to", bob.id().toString(), "text", message)).post("/messages"), r -> r.statusCode() / 100 == 2);
        bob.at(suite, "notification").body(Map.of("to", erin.id().toString(), "text", reply)).post("/messages")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
        await().atMost(PATIENCE).untilAsserted(() -> bob.at(suite, "notification").get("/notifications?size=100")
                .then().statusCode(200).body(containsString("RECOMMENDATION_RECEIVED")));

        List<String> personal = List.of(erin.email(), erin.firstName(), erin.lastName(), headline, tag);
        // the scan sees the member while the account exists (read models hold their data in the clear)
        org.junit.jupiter.api.Assertions.assertFalse(scanDatabases(personal).isEmpty());

        // close the account: the password is needed
        erin.at(suite, "profile").body(Map.of("password", "not the password")).delete("/members/me").then().statusCode(403);
        erin.at(suite, "profile").body(Map.of("password", erin.password())).delete("/members/me").then().statusCode(204);

        // every service refuses the member's token; the log-in is gone
        for (String s : Suite.SERVICES) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> erin.at(suite, s).get(probe(s, erin))
                    .then().statusCode(401));
        }
        io.restassured.RestAssured.given().baseUri(suite.url("profile")).contentType("application/json")
                .body(Map.of("email", erin.email(), "password", erin.password())).post("/sessions").then().statusCode(401);

        // the others see the member gone
        await().atMost(PATIENCE).untilAsserted(() -> {
            bob.at(suite, "connection").get("/members/" + bob.id() + "/connections/count").then().body("count", equalTo(0));
            bob.at(suite, "connection").get("/members/" + bob.id() + "/degree/" + erin.id()).then()
                    .body("degree", equalTo(null));
            bob.at(suite, "profile").get("/profiles/" + erin.id()).then().statusCode(404);
            dan.at(suite, "invitation").get("/invitations/" + toDan).then().body("status", not(equalTo("PENDING")));
            cat.at(suite, "invitation").get("/invitations/" + fromCat).then().body("status", not(equalTo("PENDING")));
            bob.at(suite, "recommendation").get("/recommendations/received").then().statusCode(200)
                    .body(not(containsString(recommendation)));
            Response conversations = bob.at(suite, "notification").get("/conversations");
            conversations.then().statusCode(200).body(not(containsString("Erasmo" + tag)));
        });

        // nothing readable in any database: the five services' (event stores included) and the key vault
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(List.of(), scanDatabases(personal)));
        // nor in any record of any topic, read from the beginning
        assertEquals(List.of(), scanTopics(personal));

        // connection-service's projection rebuilt from the topics brings nothing back
        io.restassured.RestAssured.given().baseUri(suite.url("connection"))
                .header("X-Trellis-Admin-Token", suite.adminToken())
                .post("/admin/projection/rebuild?swap=true").then().statusCode(200).body("swapped", equalTo(true));
        bob.at(suite, "connection").get("/members/" + bob.id() + "/connections/count").then().body("count", equalTo(0));
        assertEquals(List.of(), scanDatabases(personal));
    }

    /** A GET of each service that needs a token. */
    static String probe(String service, Member m) {
        return switch (service) {
            case "profile" -> "/profiles/me";
            case "invitation" -> "/invitations/received";
            case "connection" -> "/members/" + m.id() + "/connections/count";
            case "recommendation" -> "/recommendations/received";
            default -> "/badges";
        };
    }

    static List<String> scanDatabases(List<String> texts) throws Exception {
        List<String> found = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        Suite.SERVICES.forEach(s -> databases.add("trellis_" + s + "_systest"));
        databases.add(Suite.KEYS_DATABASE);
        Properties p = new Properties();
        p.setProperty("user", TestDatabases.user());
        p.setProperty("password", TestDatabases.password());
        for (String db : databases) {
            try (Connection c = DriverManager.getConnection(TestDatabases.jdbcUrl(db), p)) {
                PersonalDataScan.rowsContaining(c, texts, Set.of()).forEach(r -> found.add(db + "." + r));
            }
        }
        return found;
    }

    static List<String> scanTopics(List<String> texts) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> found = new ArrayList<>();
        List<String> topics = new ArrayList<>(Topics.ALL);
        topics.addAll(Topics.DEAD_LETTERS);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                consumer.partitionsFor(t, Duration.ofSeconds(10))
                        .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    String value = r.value() == null ? "" : r.value().toLowerCase();
                    StringBuilder headers = new StringBuilder();
                    r.headers().forEach(h -> headers.append(new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)).append(' '));
                    for (String text : texts) {
                        if (value.contains(text.toLowerCase()) || headers.toString().toLowerCase().contains(text.toLowerCase())) {
                            found.add(r.topic() + "-" + r.partition() + "@" + r.offset() + " has '" + text + "': " + r.value());
                        }
                    }
                }
            }
        }
        return found;
    }
}
