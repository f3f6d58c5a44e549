package dev.trellis.profile.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The member aggregate (stream "member-<id>"). */
public final class Member {
    public static final int MAX_NAME = 50;
    public static final int MAX_HEADLINE = 220;

    private Member() {
    }

    public static String streamId(UUID memberId) {
        return "member-" + memberId;
    }

    /** Sign-up: names are required (at most 50 characters), the headline is optional (at most 220). */
    public static List<TrellisEvent> signUp(UUID memberId, String firstName, String lastName, String headline,
                                            Instant now) {
        String first = trimmed(firstName);
        String last = trimmed(lastName);
        String head = trimmed(headline);
        if (first == null || last == null) {
            throw DomainException.rule("name-required", "first and last name are required");
        }
        if (first.length() > MAX_NAME || last.length() > MAX_NAME) {
            throw DomainException.rule("name-too-long", "names are at most " + MAX_NAME + " characters");
        }
        if (head != null && head.length() > MAX_HEADLINE) {
            throw DomainException.rule("headline-too-long", "the headline is at most " + MAX_HEADLINE + " characters");
        }
        return List.of(new ProfileCreated(memberId, first, last, head, now));
    }

    private static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
