package dev.trellis.recommendation.domain;

import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.domain.Placeholders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Built-in messages for asking a connection for a recommendation. Placeholders are {@code {name}}:
 * {@code {firstName}} (the member asked, from their profile), {@code {myName}} (the requester's full name, from
 * their profile), and {@code {skill}} and {@code {project}} (given by the requester). A placeholder left unfilled
 * is a 400 naming it; nothing half-filled is ever sent.
 */
public final class RequestTemplates {
    /** Placeholders the profiles fill; the requester cannot override them. */
    public static final Set<String> FROM_PROFILES = Set.of("firstName", "myName");

    /** A template with its placeholders, in order of appearance. */
    public record RequestTemplate(String id, String title, String text, List<String> placeholders) {
    }

    private static final Map<String, RequestTemplate> ALL = new LinkedHashMap<>();

    static {
        add("job-search", "Preparing a job search",
                "Hi {firstName}, How are you? I hope you are well. I'm preparing for a new job search and would appreciate it "
                        + "if you could write a recommendation that highlights my {skill}. Our experience working on {project} "
                        + "is a great example and I would be happy to provide other examples if you need them. Please let me "
                        + "know if I can write a recommendation for you. I would be very glad to return the favor. "
                        + "Thanks in advance for your support! {myName}");
        add("project", "A project we did together",
                "Hi {firstName}, working with you on {project} was a highlight for me. Would you write a short recommendation "
                        + "about my {skill}? I'd be glad to write one for you too. Thanks, {myName}");
        add("skill", "Highlight one skill",
                "Hi {firstName}, would you be willing to write me a recommendation that speaks to my {skill}? "
                        + "Happy to return the favor. {myName}");
    }

    private static void add(String id, String title, String text) {
        ALL.put(id, new RequestTemplate(id, title, text, Placeholders.in(text)));
    }

    public static List<RequestTemplate> all() {
        return List.copyOf(ALL.values());
    }

    public static RequestTemplate get(String id) {
        RequestTemplate t = id == null ? null : ALL.get(id.strip());
        if (t == null) {
            throw DomainException.notFound("template-not-found", "no request template " + id + "; see GET /recommendations/templates");
        }
        return t;
    }

    /** Fills every placeholder; 400 (field templateValues) naming the placeholders without a non-blank value. */
    public static String render(String templateId, Map<String, String> values) {
        RequestTemplate t = get(templateId);
        TextRules.storable("templateValues", values);
        List<String> missing = Placeholders.unfilled(t.text(), values);
        if (!missing.isEmpty()) {
            throw DomainException.invalid("templateValues", "unfilled placeholder(s): " + String.join(", ", missing));
        }
        return Placeholders.fill(t.text(), values);
    }

    private RequestTemplates() {
    }
}
