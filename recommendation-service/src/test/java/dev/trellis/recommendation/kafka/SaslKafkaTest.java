package dev.trellis.recommendation.kafka;

import dev.trellis.events.EventTypes;
import dev.trellis.events.Topics;
import dev.trellis.events.connection.ConnectionMade;
import dev.trellis.events.profile.AccessRevoked;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.platform.kafka.KafkaSettings;
import dev.trellis.platform.ops.DeadLetters;
import dev.trellis.platform.replay.TopicReplay;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import dev.trellis.recommendation.store.MemberDirectory;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.SaslKafka;
import dev.trellis.testing.SaslTrellisTestResource;
import dev.trellis.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * recommendation-service against a broker that authenticates (SASL SCRAM-SHA-512) and authorizes (ACLs): the
 * service's user has only the ACLs of its Kubernetes KafkaUser, and every one of its Kafka clients works with the
 * settings a deployer gives (kafka.security.protocol, kafka.sasl.mechanism, kafka.sasl.jaas.config): the SmallRye
 * consumers, the outbox relay's producer, the revocation reader, the dead-letter producer, a topic replay; and the
 * operator's dlq tool reads the dead letters with the KAFKA_* variables. The platform clients' metrics are on
 * /q/metrics.
 */
@QuarkusTest
@WithTestResource(value = SaslTrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = {
        @ResourceArg(name = "database", value = "trellis_recommendation_test"),
        @ResourceArg(name = "service", value = "recommendation"),
        @ResourceArg(name = "consumes", value = Topics.CONNECTION + "," + Topics.PROFILE),
        @ResourceArg(name = "produces", value = Topics.RECOMMENDATION)})
class SaslKafkaTest {
    private static final String TEXT = "Ana is the best reviewer I know: careful, quick and kind, and she ships on time.";

    @Inject
    MemberDirectory directory;
    @Inject
    FirstDegreeRepository firstDegree;
    @Inject
    TopicReplay replay;

    /** The super user of the same broker the service was given (never a second broker of another class loader). */
    private static String bootstrap() {
        return config("kafka.bootstrap.servers");
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    private static KafkaProbe.Client broker() {
        return KafkaProbe.on(SaslKafka.admin(bootstrap()));
    }

    @Test
    void every_kafka_client_of_the_service_works_over_sasl_with_its_acls() {
        KafkaProbe.Client kafka = broker();
        // ready once the revocation reader has caught up and the channels are assigned (seconds on a loaded machine)
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);

        // SmallRye consumers: profile and connection events are applied
        UUID ana = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        kafka.publish(new ProfileCreated(ana, "Ana", "Sasl", "Engineer", Instant.now()));
        kafka.publish(new ProfileCreated(ben, "Ben", "Sasl", "Designer", Instant.now()));
        kafka.publish(new ConnectionMade(ana, ben, UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                "Ben".equals(directory.nameFor(ben, ben).firstName()) && firstDegree.connected(ana, ben)));

        // the outbox relay's producer: a command's event reaches the topic
        String id = given().header("Authorization", TestTokens.bearer(ana)).contentType(ContentType.JSON)
                .body("{\"recipientId\":\"" + ben + "\",\"relationship\":\"WORKED_WITH\",\"text\":\"" + TEXT + "\"}")
                .post("/recommendations").then().statusCode(201).extract().path("recommendationId");
        String written = EventTypes.typeOf(RecommendationWritten.class);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !kafka.find(Topics.RECOMMENDATION, written, r -> id.equals(r.key())).isEmpty());

        // the revocation reader: a revoked session's token is refused
        UUID session = UUID.randomUUID();
        String token = "Bearer " + TestTokens.forSession(ana, session);
        given().header("Authorization", token).get("/recommendations/given").then().statusCode(200);
        kafka.publish(new AccessRevoked(ana, List.of(session), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().header("Authorization", token).get("/recommendations/given").statusCode() == 401);

        // the dead-letter producer: a poison record is moved to trellis.dlq.recommendation
        String poison = UUID.randomUUID().toString();
        kafka.sendRaw(Topics.CONNECTION, ana.toString(), "{not json", Map.of("ce_specversion", "1.0", "ce_id", poison,
                "ce_type", EventTypes.typeOf(ConnectionMade.class), "ce_source", "//trellis/test",
                "content-type", "application/json"));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readAll(Topics.deadLetter("recommendation")).stream()
                .anyMatch(r -> poison.equals(KafkaProbe.header(r, "ce_id"))));

        // a topic replay reads the connection topic from the beginning
        List<TopicReplay.Replayed> replayed = new ArrayList<>();
        try (TopicReplay.Cursor cursor = replay.open(List.of(Topics.CONNECTION))) {
            cursor.catchUp(replayed::addAll);
        }
        assertTrue(replayed.stream().anyMatch(r -> r.event() instanceof ConnectionMade m && m.memberA().equals(ana)),
                "the replay read the connection");

        // the operator's dlq tool, configured by KAFKA_* variables as deploy/local/trellis dlq runs it
        DeadLetters dlq = new DeadLetters(KafkaSettings.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap(),
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", SaslKafka.plainJaas(SaslKafka.ADMIN, SaslKafka.ADMIN_PASSWORD))));
        assertTrue(dlq.list("recommendation").stream().anyMatch(l -> poison.equals(l.id()) && !l.redriven()),
                "the dlq tool lists the poison record");

        // the service's login is really limited to its ACLs: it may not write another service's topic
        KafkaProbe.Client asService = KafkaProbe.on(Map.of(
                "bootstrap.servers", bootstrap(),
                "security.protocol", config("kafka.security.protocol"),
                "sasl.mechanism", config("kafka.sasl.mechanism"),
                "sasl.jaas.config", config("kafka.sasl.jaas.config")));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () ->
                asService.sendRaw(Topics.INVITATION, ana.toString(), "{}", Map.of("ce_id", UUID.randomUUID().toString())));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause().getCause(), refused.toString());

        // the platform clients' metrics on /q/metrics, by client id
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(positive(metrics, "kafka_producer_record_send_total", "recommendation-outbox"),
                "the relay's producer metrics:\n" + grep(metrics, "kafka_producer_record_send_total"));
        assertTrue(positive(metrics, "kafka_producer_record_send_total", "recommendation-dead-letters"),
                "the dead-letter producer's metrics:\n" + grep(metrics, "kafka_producer_record_send_total"));
        assertTrue(positive(metrics, "kafka_consumer_fetch_manager_records_consumed_total", "trellis-revocations-"),
                "the revocation reader's metrics:\n" + grep(metrics, "kafka_consumer_fetch_manager_records_consumed_total"));
    }

    /** A sample of {@code name} whose client_id starts with {@code client} has a value above 0. */
    static boolean positive(String metrics, String name, String client) {
        return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains("client_id=\"" + client))
                .anyMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) > 0);
    }

    static String grep(String metrics, String name) {
        return String.join("\n", metrics.lines().filter(l -> l.startsWith(name)).toList());
    }
}
