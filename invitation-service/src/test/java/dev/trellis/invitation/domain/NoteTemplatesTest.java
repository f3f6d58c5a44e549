package dev.trellis.invitation.domain;

import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoteTemplatesTest {
    @Test
    void five_built_in_templates_with_their_placeholders() {
        assertEquals(5, NoteTemplates.all().size());
        assertEquals(java.util.List.of("recipientFirstName", "company", "senderFirstName"),
                NoteTemplates.get("former-colleague").placeholders());
    }

    @Test
    void rendering_fills_every_placeholder() {
        String note = NoteTemplates.render("former-colleague",
                Map.of("recipientFirstName", "Bob", "company", "Acme", "senderFirstName", "Alice"));
        assertEquals("Hi Bob, it was great working with you at Acme. I'd like to stay in touch here. - Alice", note);
        assertFalse(note.contains("{"));
    }

    @Test
    void an_unfilled_placeholder_is_an_error_naming_it() {
        DomainException e = assertThrows(DomainException.class, () -> NoteTemplates.render("met-at-event",
                Map.of("recipientFirstName", "Bob", "senderFirstName", "Alice", "event", "  ")));
        assertEquals("unfilled-placeholder", e.reason());
        assertTrue(e.getMessage().contains("event"));
    }

    @Test
    void values_are_inserted_literally() {
        String note = NoteTemplates.render("met-at-event",
                Map.of("recipientFirstName", "$1 Bob", "senderFirstName", "A\\lice", "event", "{company}"));
        assertTrue(note.contains("$1 Bob") && note.contains("A\\lice") && note.contains("{company}"));
    }

    @Test
    void an_unknown_template_is_404() {
        assertEquals(DomainException.Kind.NOT_FOUND, assertThrows(DomainException.class,
                () -> NoteTemplates.render("nope", Map.of())).kind());
    }

    @Test
    void every_template_fits_the_note_limit_with_ordinary_values() {
        for (var t : NoteTemplates.all()) {
            Map<String, String> values = new java.util.HashMap<>();
            t.placeholders().forEach(p -> values.put(p, "Abcdefghijklmnopqrst"));
            assertTrue(NoteTemplates.render(t.id(), values).length() <= 300, t.id());
        }
    }
}
