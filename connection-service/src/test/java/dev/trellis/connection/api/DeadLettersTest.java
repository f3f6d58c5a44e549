package dev.trellis.connection.api;

import dev.trellis.platform.kafka.KafkaSettings;
import dev.trellis.platform.ops.DeadLetters;
import dev.trellis.testing.InJvmKafka;
import dev.trellis.testing.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator command behind `trellis dlq list|redrive <service>` (platform; tested against a real broker). */
class DeadLettersTest {

    @Test
    void dead_letters_are_listed_and_redriven_once_to_the_topic_they_came_from() {
        String service = "dlqtest" + UUID.randomUUID().toString().substring(0, 8);
        String origin = "trellis.dlqtest.origin." + service;
        UUID eventId = UUID.randomUUID();
        KafkaProbe.sendRaw(DeadLetters.topic(service), "key-1", "{\"x\":1}", Map.of(
                "ce_id", eventId.toString(), "ce_type", "trellis.profile.ProfileCreated.v1",
                "dead-letter-topic", origin, "dead-letter-partition", "2", "dead-letter-offset", "41",
                "dead-letter-reason", "boom"));
        DeadLetters dlq = new DeadLetters(new KafkaSettings(Map.of("bootstrap.servers", InJvmKafka.bootstrapServers())));

        List<DeadLetters.Letter> letters = dlq.list(service);
        assertEquals(1, letters.size());
        assertEquals(eventId.toString(), letters.get(0).id());
        assertEquals("boom", letters.get(0).reason());
        assertFalse(letters.get(0).redriven());

        assertEquals(1, dlq.redrive(service));
        List<ConsumerRecord<String, String>> back = KafkaProbe.readAll(origin);
        assertEquals(1, back.size());
        assertEquals("key-1", back.get(0).key());
        assertEquals("{\"x\":1}", back.get(0).value());
        assertEquals(eventId.toString(), KafkaProbe.header(back.get(0), "ce_id"));
        assertEquals(null, KafkaProbe.header(back.get(0), "dead-letter-reason"));
        assertTrue(KafkaProbe.header(back.get(0), DeadLetters.REDRIVEN_FROM).startsWith(DeadLetters.topic(service) + "@"));

        assertEquals(0, dlq.redrive(service), "a second re-drive sends nothing twice");
        assertTrue(dlq.list(service).get(0).redriven());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        dlq.print(service, new PrintStream(text, true, StandardCharsets.UTF_8));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("1 record(s), 0 waiting, 1 re-driven"), text.toString());
    }
}
