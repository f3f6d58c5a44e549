package dev.trellis.systest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite as `deploy/local/trellis start --replicas 2 --brokers 3` runs it: two replicas of every service behind
 * HAProxy front doors, a three-broker KRaft cluster. Members use the front doors; then every replica is asked
 * directly and must give the same degree, mutual connections, People You May Know and badges, and a badge stream
 * held on either replica gets the push for a change, whichever replica committed it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedSuiteIT {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static Suite suite;
    static Member alice;
    static Member bob;
    static Member carol;

    @BeforeAll
    static void start() throws Exception {
        suite = Suite.launched(2, 3);
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    static String invite(Member from, Member to) {
        return await().atMost(PATIENCE).until(() -> from.at(suite, "invitation")
                .body("{\"toMemberId\":\"" + to.id() + "\",\"note\":\"Hello from a replicated suite\"}")
                .post("/invitations"), r -> r.statusCode() == 201).path("invitationId");
    }

    static void accept(Member by, String invitation) {
        await().atMost(PATIENCE).until(() -> by.at(suite, "invitation").post("/invitations/" + invitation + "/accept"),
                r -> r.statusCode() == 200);
    }

    @Test
    @Order(1)
    void members_connect_through_the_front_doors_and_every_replica_answers_the_same() {
        alice = Member.signUp(suite, "Alice", "Replica");
        bob = Member.signUp(suite, "Bob", "Replica");
        carol = Member.signUp(suite, "Carol", "Replica");
        accept(bob, invite(alice, bob));
        accept(carol, invite(alice, carol));

        for (String replica : suite.replicaUrls("connection")) {
            await().atMost(PATIENCE).untilAsserted(() -> alice.at(replica)
                    .get("/members/" + alice.id() + "/degree/" + bob.id()).then().statusCode(200)
                    .body("degree", equalTo(1)));
            await().atMost(PATIENCE).untilAsserted(() -> alice.at(replica)
                    .get("/members/" + alice.id() + "/degree/" + carol.id()).then().body("degree", equalTo(1)));
            bob.at(replica).get("/members/" + bob.id() + "/degree/" + carol.id()).then().statusCode(200)
                    .body("degree", equalTo(2)).body("label", equalTo("2nd"));
            bob.at(replica).get("/members/" + bob.id() + "/mutual/" + carol.id()).then().statusCode(200)
                    .body("items.memberId", hasItem(alice.id().toString()));
            await().atMost(PATIENCE).untilAsserted(() -> bob.at(replica).get("/members/" + bob.id() + "/pymk")
                    .then().statusCode(200).body("items.member.memberId", hasItem(carol.id().toString())));
        }
        for (String replica : suite.replicaUrls("notification")) {
            await().atMost(PATIENCE).untilAsserted(() -> alice.at(replica).get("/badges").then().statusCode(200)
                    .body("myNetwork", equalTo(2)));
        }
        // the front door spreads requests round-robin: each replica of connection-service counts some of them
        List<String> replicas = suite.replicaUrls("connection");
        List<Double> before = replicas.stream().map(ReplicatedSuiteIT::degreeRequests).toList();
        for (int i = 0; i < 8; i++) {
            alice.at(suite, "connection").get("/members/" + alice.id() + "/degree/" + bob.id()).then().statusCode(200)
                    .body("degree", equalTo(1));
        }
        for (int i = 0; i < replicas.size(); i++) {
            assertTrue(degreeRequests(replicas.get(i)) > before.get(i), replicas.get(i) + " answered none of 8");
        }
    }

    /** How many degree requests a replica has answered (its Prometheus metrics). */
    static double degreeRequests(String replica) {
        String metrics = given().baseUri(replica).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")
                        && l.contains("uri=\"/members/{memberId}/degree/{otherId}\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    @Order(2)
    void a_badge_stream_on_either_replica_gets_the_push_for_a_change_committed_anywhere() throws Exception {
        Member dave = Member.signUp(suite, "Dave", "Streams");
        Member erin = Member.signUp(suite, "Erin", "Streams");
        HttpClient http = HttpClient.newHttpClient();
        List<BlockingQueue<String>> streams = new ArrayList<>();
        for (String replica : suite.replicaUrls("notification")) {
            streams.add(open(http, replica + "/badges/stream", dave.token()));
        }
        for (BlockingQueue<String> q : streams) {
            String first = q.poll(30, TimeUnit.SECONDS); // the counts sent on connect
            assertTrue(first != null && first.contains("\"myNetwork\":0"), "first badges event: " + first);
        }
        invite(erin, dave); // committed by whichever notification replica consumes its partition
        for (BlockingQueue<String> q : streams) {
            String pushed = null;
            long end = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < end && (pushed == null || !pushed.contains("\"myNetwork\":1"))) {
                pushed = q.poll(1, TimeUnit.SECONDS);
            }
            assertTrue(pushed != null && pushed.contains("\"myNetwork\":1"), "pushed on every replica: " + pushed);
        }
    }

    @Test
    @Order(3)
    void a_replica_killed_leaves_the_front_door_answering_and_it_comes_back_with_the_whole_graph() throws Exception {
        long pid = suite.launchedPid("connection-2");
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(PATIENCE).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        // HAProxy takes the dead replica out after its failed checks; every answer meanwhile comes from the other
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (int i = 0; i < 6; i++) {
                alice.at(suite, "connection").get("/members/" + alice.id() + "/degree/" + bob.id()).then()
                        .statusCode(200).body("degree", equalTo(1));
            }
        });
        Member frank = Member.signUp(suite, "Frank", "Later");
        accept(frank, invite(bob, frank)); // committed while connection-2 is down
        suite.launcher("start"); // starts what is not running: connection-2
        String second = suite.replicaUrls("connection").get(1);
        await().atMost(PATIENCE).untilAsserted(() -> bob.at(second).get("/members/" + bob.id() + "/degree/" + frank.id())
                .then().statusCode(200).body("degree", equalTo(1)));
        alice.at(second).get("/members/" + alice.id() + "/degree/" + frank.id()).then().body("degree", equalTo(2));
    }

    @Test
    @Order(4)
    void one_members_events_stay_in_order_while_partitions_move_between_replicas() throws Exception {
        // Bob edits his headline 30 times, one after the other, while connection-service's first replica is killed
        // and started again: its partitions move to the other replica and back. Each replica that shows Bob must
        // end with the last headline (an older edit applied after a newer one would leave another).
        Thread edits = new Thread(() -> {
            for (int i = 1; i <= 30; i++) {
                bob.at(suite, "profile").body("{\"headline\":\"Headline " + i + "\"}").patch("/profiles/me")
                        .then().statusCode(200);
            }
        });
        edits.start();
        long pid = suite.launchedPid("connection");
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        edits.join(120_000);
        suite.launcher("start");
        for (String replica : suite.replicaUrls("connection")) {
            await().atMost(PATIENCE).untilAsserted(() -> alice.at(replica)
                    .get("/members/" + alice.id() + "/connections?size=50").then().statusCode(200)
                    .body("items.find { it.memberId == '" + bob.id() + "' }.headline", equalTo("Headline 30")));
        }
    }

    private static BlockingQueue<String> open(HttpClient http, String url, String token) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode(), "badge stream at " + url);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        events.add(line.substring(5).strip());
                    }
                }
            } catch (Exception closed) {
                // the test ended
            }
        }, "sse-" + url);
        t.setDaemon(true);
        t.start();
        return events;
    }
}
