package dev.trellis.recommendation.domain;

import dev.trellis.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestTemplatesTest {
    @Test
    void the_templates_name_their_placeholders() {
        assertEquals(List.of("firstName", "skill", "project", "myName"), RequestTemplates.get("job-search").placeholders());
        assertEquals(3, RequestTemplates.all().size());
    }

    @Test
    void rendering_fills_every_placeholder() {
        assertEquals("Hi Ann, would you be willing to write me a recommendation that speaks to my data analysis? "
                        + "Happy to return the favor. Bob Jones",
                RequestTemplates.render("skill", Map.of("firstName", "Ann", "skill", " data analysis ", "myName", "Bob Jones")));
    }

    @Test
    void an_unfilled_placeholder_is_a_400_naming_them() {
        DomainException e = assertThrows(DomainException.class,
                () -> RequestTemplates.render("job-search", Map.of("firstName", "Ann", "myName", "Bob", "skill", " ")));
        assertEquals(DomainException.Kind.INVALID, e.kind());
        assertEquals("templateValues", e.field());
        assertTrue(e.getMessage().contains("skill, project"), e.getMessage());
    }

    @Test
    void an_unknown_template_is_404() {
        assertEquals(DomainException.Kind.NOT_FOUND,
                assertThrows(DomainException.class, () -> RequestTemplates.get("nope")).kind());
    }

    @Test
    void the_360_spread_names_what_is_missing() {
        Spread360.Result r = Spread360.of(List.of("MANAGED_DIRECTLY", "WORKED_WITH", "WORKED_WITH_OTHER_TEAM", "STUDIED_WITH"));
        assertEquals(List.of(new Spread360.Kind("MANAGER", 1), new Spread360.Kind("CO_WORKER", 2), new Spread360.Kind("OTHER", 1)), r.have());
        assertEquals(List.of("REPORT", "PARTNER", "CLIENT"), r.missing());
        assertTrue(r.advice().contains("someone who reported to you, a partner, a client"), r.advice());
        assertEquals(List.of(), Spread360.of(List.of("MANAGED_DIRECTLY", "REPORTED_TO", "WORKED_WITH", "PARTNER_OF", "CLIENT_OF")).missing());
    }
}
