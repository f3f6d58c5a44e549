package dev.trellis.platform.api;

import dev.trellis.platform.domain.Placeholders;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlaceholdersTest {
    static final String TEXT = "Hi {firstName}, about {project} and {firstName}'s $1 \\ {skill}. {not a placeholder}";

    @Test
    void names_in_order_of_first_appearance() {
        assertEquals(List.of("firstName", "project", "skill"), Placeholders.in(TEXT));
    }

    @Test
    void blank_and_missing_values_are_unfilled_and_filling_needs_them_all() {
        Map<String, String> values = new HashMap<>(Map.of("firstName", " Bob ", "project", "  "));
        assertEquals(List.of("project", "skill"), Placeholders.unfilled(TEXT, values));
        assertThrows(IllegalArgumentException.class, () -> Placeholders.fill(TEXT, values));
        values.put("project", "Atlas");
        values.put("skill", "Go $2");
        assertEquals("Hi Bob, about Atlas and Bob's $1 \\ Go $2. {not a placeholder}", Placeholders.fill(TEXT, values));
    }
}
