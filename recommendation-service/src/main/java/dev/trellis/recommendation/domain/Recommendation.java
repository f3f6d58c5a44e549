package dev.trellis.recommendation.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The recommendation aggregate (stream "recommendation-<id>"). */
public final class Recommendation {
    public static final int MAX_TEXT = 3000;
    /** How the author knows the recipient (the 360-degree spread: managers, co-workers, reports, partners, clients...). */
    public static final Set<String> RELATIONSHIPS = Set.of("manager", "report", "colleague", "client", "partner",
            "classmate", "teacher", "mentor", "other");

    private Recommendation() {
    }

    public static String streamId(UUID id) {
        return "recommendation-" + id;
    }

    /** Only a 1st-degree connection may write a recommendation; never for yourself. */
    public static List<TrellisEvent> write(UUID id, UUID author, UUID recipient, String relationship, String text,
                                           boolean connected, Instant now) {
        if (author.equals(recipient)) {
            throw DomainException.rule("cannot-recommend-yourself", "you cannot recommend yourself");
        }
        if (!connected) {
            throw DomainException.forbidden("not-a-connection", "only 1st-degree connections can write a recommendation");
        }
        String rel = relationship == null ? "" : relationship.strip().toLowerCase(Locale.ROOT);
        if (!RELATIONSHIPS.contains(rel)) {
            throw DomainException.rule("unknown-relationship", "relationship is one of " + String.join(", ",
                    RELATIONSHIPS.stream().sorted().toList()));
        }
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw DomainException.rule("text-required", "a recommendation needs some text");
        }
        if (body.codePointCount(0, body.length()) > MAX_TEXT) {
            throw DomainException.rule("text-too-long", "a recommendation is at most " + MAX_TEXT + " characters");
        }
        return List.of(new RecommendationWritten(id, author, recipient, rel, null, body, 1, now));
    }
}
