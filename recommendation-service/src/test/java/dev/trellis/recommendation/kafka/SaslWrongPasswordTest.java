package dev.trellis.recommendation.kafka;

import dev.trellis.events.Topics;
import dev.trellis.events.recommendation.RecommendationWithdrawn;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.outbox.OutboxRelay;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.SaslKafka;
import dev.trellis.testing.SaslTrellisTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.common.errors.AuthenticationException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same service and broker as {@link SaslKafkaTest}, with a wrong password: the relay publishes nothing (the
 * event stays unpublished, the relay's last error is the broker's authentication failure, on /q/health) and the
 * replica is not ready (the revocation reader cannot read).
 */
@QuarkusTest
@WithTestResource(value = SaslTrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = {
        @ResourceArg(name = "database", value = "trellis_recommendation_test"),
        @ResourceArg(name = "service", value = "recommendation"),
        @ResourceArg(name = "consumes", value = Topics.CONNECTION + "," + Topics.PROFILE),
        @ResourceArg(name = "produces", value = Topics.RECOMMENDATION),
        @ResourceArg(name = "password", value = "not-the-password")})
class SaslWrongPasswordTest {

    @Inject
    EventStore events;
    @Inject
    OutboxRelay relay;
    @Inject
    DataSource dataSource;

    @Test
    void with_a_wrong_password_nothing_is_published_and_the_replica_is_not_ready() throws Exception {
        UUID recommendation = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> events.append("recommendation-" + recommendation, 0, List.of(
                new RecommendationWithdrawn(recommendation, UUID.randomUUID(), UUID.randomUUID(), "TEST", Instant.now()))));

        await().atMost(Duration.ofSeconds(45)).until(() -> authenticationFailure(relay.lastError()));
        given().get("/q/health/live").then().body("checks.find { it.name == 'outbox-relay' }.data.lastError",
                org.hamcrest.Matchers.containsString("Authentication"));
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem("revocations"));

        assertTrue(unpublished(recommendation), "the event stays in the outbox, to be sent once the login works");
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        assertEquals(List.of(), KafkaProbe.on(SaslKafka.admin(bootstrap)).readAll(Topics.RECOMMENDATION).stream()
                .filter(r -> recommendation.toString().equals(r.key())).toList(), "nothing reached the topic");
    }

    private static boolean authenticationFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AuthenticationException) {
                return true;
            }
        }
        return false;
    }

    private boolean unpublished(UUID recommendation) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM event_store WHERE partition_key = ? AND published_at IS NULL")) {
            ps.setString(1, recommendation.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }
}
