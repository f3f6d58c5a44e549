package dev.trellis.notification.domain;

import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.domain.Placeholders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in messages for welcoming, following up and checking in, rendered for one recipient like invitation
 * notes: placeholders are filled from both profiles ({@code {firstName}}, {@code {fullName}}, {@code {company}}
 * of the other member; {@code {myFirstName}}, {@code {myFullName}}, {@code {myCompany}} of the sender); a
 * placeholder without a value is rejected (400 naming it) rather than sent as a gap.
 */
public final class MessageTemplates {

    public record MessageTemplate(String id, String title, String text, List<String> placeholders) {
    }

    private static final Map<String, MessageTemplate> ALL = new LinkedHashMap<>();

    static {
        add("welcome", "Thanks for connecting",
                "Thanks for connecting, {firstName}! I'm glad to have you in my network and look forward to staying in touch. - {myFirstName}");
        add("follow-up", "Follow up after connecting",
                "Great to be connected, {firstName}. I'd love to hear what you're working on these days. Would you be open to a short chat? - {myFirstName}");
        add("follow-up-company", "Follow up about their company",
                "Great to be connected, {firstName}. I'm curious about your work at {company} - would you be open to a short chat? - {myFirstName}");
        add("check-in", "Check in",
                "Hi {firstName}, it's been a while! How are things going? - {myFirstName}");
        add("thank-recommendation", "Thank for a recommendation",
                "Thank you for the recommendation, {firstName}! It means a lot. - {myFirstName}");
    }

    private static void add(String id, String title, String text) {
        ALL.put(id, new MessageTemplate(id, title, text, Placeholders.in(text)));
    }

    public static List<MessageTemplate> all() {
        return List.copyOf(ALL.values());
    }

    /** 404 template-not-found for an unknown id. */
    public static MessageTemplate get(String id) {
        MessageTemplate t = id == null ? null : ALL.get(id);
        if (t == null) {
            throw DomainException.notFound("template-not-found", "no message template " + id + "; see GET /messages/templates");
        }
        return t;
    }

    /** The template's values from both members' profiles (null where a profile does not say). */
    public static Map<String, String> values(String otherFirst, String otherLast, String otherCompany, String myFirst,
                                             String myLast, String myCompany) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("firstName", otherFirst);
        v.put("fullName", full(otherFirst, otherLast));
        v.put("company", otherCompany);
        v.put("myFirstName", myFirst);
        v.put("myFullName", full(myFirst, myLast));
        v.put("myCompany", myCompany);
        return v;
    }

    /** Fills every placeholder; 400 (field {@code placeholders}) naming those without a (non-blank) value. */
    public static String render(String templateId, Map<String, String> values) {
        MessageTemplate t = get(templateId);
        List<String> missing = Placeholders.unfilled(t.text(), values);
        if (!missing.isEmpty()) {
            throw DomainException.invalid("placeholders", "no value for: " + String.join(", ", missing));
        }
        return Placeholders.fill(t.text(), values);
    }

    private static String full(String first, String last) {
        if (first == null || first.isBlank() || last == null || last.isBlank()) {
            return null;
        }
        return first.strip() + " " + last.strip();
    }

    private MessageTemplates() {
    }
}
