package dev.trellis.recommendation.store;

import dev.trellis.events.Topics;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.platform.crypto.KeyVault;
import dev.trellis.platform.crypto.PersonalData;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.replay.TopicReplay;
import dev.trellis.testing.KafkaProbe;
import dev.trellis.testing.TrellisTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crypto-shredding against the real database, key vault and broker: a personal field is encrypted in the event
 * store row and in the topic record, read back by the event store, the topic replay and a consumer; once one of
 * its owners' keys is erased every copy reads as the placeholder, and a new value for that member is not stored.
 */
@QuarkusTest
@WithTestResource(value = TrellisTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "trellis_recommendation_test"))
class PersonalDataTest {
    @Inject
    EventStore store;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    KeyVault keys;
    @Inject
    PersonalData personal;
    @Inject
    TopicReplay replay;

    static RecommendationWritten written(UUID author, UUID recipient, String text) {
        return new RecommendationWritten(UUID.randomUUID(), author, recipient, "WORKED_WITH", "Lead", text, 1,
                Instant.now());
    }

    String storedPayload(String stream) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT payload::text FROM event_store WHERE stream_id = ?")) {
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    ConsumerRecord<String, String> published(RecommendationWritten e) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> KafkaProbe.readAll(Topics.RECOMMENDATION).stream()
                .filter(r -> e.recommendationId().toString().equals(r.key())).findFirst().orElse(null),
                r -> r != null);
    }

    @Test
    void personal_fields_are_sealed_everywhere_and_shredded_with_a_key() throws Exception {
        UUID author = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        RecommendationWritten e = written(author, recipient, "Quite the unforgettable colleague");
        String stream = "recommendation-" + e.recommendationId();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0, List.of(e)));

        String row = storedPayload(stream);
        assertFalse(row.contains("unforgettable"), row);
        assertFalse(row.contains("WORKED_WITH"), row);
        assertTrue(row.contains(PersonalData.PREFIX), row);
        ConsumerRecord<String, String> record = published(e);
        assertFalse(record.value().contains("unforgettable"), record.value());
        // while both keys exist, every reader gets the value back
        assertEquals(e, QuarkusTransaction.requiringNew().call(() -> store.load(stream)).events().get(0));
        assertEquals(e, KafkaProbe.payload(record, RecommendationWritten.class));
        assertEquals(e, replayed(e));

        // the recipient's key goes: the text (sealed for both) is unreadable in the store and on the topic
        keys.erase(recipient);
        RecommendationWritten shredded = (RecommendationWritten) QuarkusTransaction.requiringNew()
                .call(() -> store.load(stream)).events().get(0);
        assertNull(shredded.text());
        assertNull(shredded.relationship());
        assertEquals(e.recommendationId(), shredded.recommendationId());
        assertEquals(author, shredded.authorId());
        assertNull(KafkaProbe.payload(record, RecommendationWritten.class).text());
        assertNull(replayed(e).text());
        // a new value about the erased member is not stored at all, and no new key is made for them
        RecommendationWritten late = written(author, recipient, "Written after the erasure");
        String lateStream = "recommendation-" + late.recommendationId();
        QuarkusTransaction.requiringNew().run(() -> store.append(lateStream, 0, List.of(late)));
        assertFalse(storedPayload(lateStream).contains("after the erasure"));
        assertTrue(keys.erased(recipient));
        assertTrue(keys.forWriting(recipient).isEmpty());
        // erasing is idempotent
        keys.erase(recipient);
        assertTrue(keys.erased(recipient));
    }

    @Test
    void a_sealed_value_cannot_be_moved_to_another_member() throws Exception {
        UUID author = UUID.randomUUID();
        RecommendationWritten e = written(author, UUID.randomUUID(), "Mine only");
        String sealed = personal.seal(e);
        // the same ciphertext under another recipient id: the associated data (owner id) no longer matches
        UUID other = UUID.randomUUID();
        keys.forWriting(other);
        String moved = sealed.replace(e.recipientId().toString(), other.toString());
        assertThrows(IllegalStateException.class, () -> personal.open(moved, RecommendationWritten.class));
        // a payload written before encryption (plain values) is read as it is
        String plain = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules().writeValueAsString(e);
        assertEquals(e.text(), personal.open(plain, RecommendationWritten.class).text());
    }

    private RecommendationWritten replayed(RecommendationWritten e) {
        try (TopicReplay.Cursor cursor = replay.open(List.of(Topics.RECOMMENDATION))) {
            RecommendationWritten[] found = new RecommendationWritten[1];
            cursor.catchUp(batch -> {
                for (TopicReplay.Replayed r : batch) {
                    if (r.event() instanceof RecommendationWritten w && w.recommendationId().equals(e.recommendationId())) {
                        found[0] = w;
                    }
                }
            });
            return found[0];
        }
    }
}
