package dev.trellis.invitation.domain;

import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.domain.Placeholders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Built-in personal-note templates. Placeholders are {@code {name}}; rendering fills them from both members'
 * profiles and from values the member gives; an unfilled placeholder is an error, never sent.
 *
 * <p>Placeholders: recipientFirstName, recipientLastName, senderFirstName, senderFullName (from profiles);
 * company, school, industry, event, skill, project (given by the member).
 */
public final class NoteTemplates {

    /** A template, with the relationship it suggests. */
    public record NoteTemplate(String id, String title, String relationship, String text, List<String> placeholders) {
    }

    private static final Map<String, NoteTemplate> ALL = new LinkedHashMap<>();

    static {
        add("former-colleague", "We worked together", "colleague",
                "Hi {recipientFirstName}, it was great working with you at {company}. I'd like to stay in touch here. - {senderFirstName}");
        add("classmate", "We studied together", "classmate",
                "Hi {recipientFirstName}, we were at {school} together - it would be great to reconnect and follow what you're up to. - {senderFirstName}");
        add("same-industry", "Same industry", "industry-contact",
                "Hi {recipientFirstName}, I'm {senderFullName} and I also work in {industry}. I'd love to connect and exchange ideas.");
        add("met-at-event", "We met at an event", "industry-contact",
                "Hi {recipientFirstName}, it was a pleasure meeting you at {event}. Let's keep the conversation going here. - {senderFirstName}");
        add("recommendation-request", "Ask for a recommendation", "colleague",
                "Hi {recipientFirstName}, I enjoyed working with you on {project}. Would you be open to connecting, and to writing a short recommendation about my {skill}? - {senderFirstName}");
    }

    private static void add(String id, String title, String relationship, String text) {
        ALL.put(id, new NoteTemplate(id, title, relationship, text, Placeholders.in(text)));
    }

    public static List<NoteTemplate> all() {
        return List.copyOf(ALL.values());
    }

    public static NoteTemplate get(String id) {
        NoteTemplate t = id == null ? null : ALL.get(id);
        if (t == null) {
            throw DomainException.notFound("template-not-found", "no note template " + id + "; see GET /invitations/templates");
        }
        return t;
    }

    /** Fills every placeholder; 422 unfilled-placeholder naming those without a (non-blank) value. */
    public static String render(String templateId, Map<String, String> values) {
        NoteTemplate t = get(templateId);
        List<String> missing = Placeholders.unfilled(t.text(), values);
        if (!missing.isEmpty()) {
            throw DomainException.rule("unfilled-placeholder", "the template needs a value for: " + String.join(", ", missing));
        }
        return Placeholders.fill(t.text(), values);
    }

    private NoteTemplates() {
    }
}
