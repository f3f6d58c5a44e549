package dev.trellis.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTypesTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void every_type_is_named_after_its_context_record_and_topic() {
        Set<String> names = new HashSet<>();
        for (EventTypes.Descriptor d : EventTypes.all()) {
            String context = d.javaType().getPackageName().substring("dev.trellis.events.".length());
            assertEquals("trellis." + context + "." + d.javaType().getSimpleName() + ".v1", d.type());
            assertEquals("trellis." + context + ".events", d.topic());
            assertTrue(Topics.ALL.contains(d.topic()));
            assertTrue(names.add(d.type()), "duplicate " + d.type());
            assertEquals(d, EventTypes.of(d.javaType()));
        }
        assertTrue(names.size() >= 37, "catalog has " + names.size());
    }

    @Test
    void every_type_round_trips_through_json_and_has_a_subject() throws Exception {
        for (EventTypes.Descriptor d : EventTypes.all()) {
            TrellisEvent sample = sample(d.javaType());
            String text = json.writeValueAsString(sample);
            assertEquals(sample, json.readValue(text, d.javaType()), text);
            assertTrue(!sample.subject().isBlank() && !sample.partitionKey().isBlank(), d.type());
        }
    }

    private static TrellisEvent sample(Class<? extends TrellisEvent> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = value(types[i], i);
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }

    private static Object value(Class<?> t, int i) {
        if (t == UUID.class) {
            return UUID.nameUUIDFromBytes(new byte[]{(byte) i});
        }
        if (t == Instant.class) {
            return Instant.parse("2026-11-22T10:00:00Z").plusSeconds(i);
        }
        if (t == String.class) {
            return "s" + i;
        }
        if (t == int.class || t == Integer.class) {
            return i;
        }
        if (t == boolean.class) {
            return true;
        }
        if (t == List.class) {
            return List.of();
        }
        throw new IllegalStateException("no sample for " + t);
    }
}
