package dev.trellis.notification.domain;

import dev.trellis.platform.domain.DomainException;

/**
 * Who may message whom: 1st-degree connections only, and never across a block. A connection removed later keeps
 * the conversation readable but closed for new messages.
 */
public final class MessagingPolicy {
    public static final int MAX_LENGTH = 8_000;

    /**
     * What this service knows of the pair, from the sender's side.
     *
     * @param connected    a current 1st-degree connection
     * @param removed      they were connected and the connection was removed
     * @param blocked      either member blocked the other
     */
    public record PairFacts(boolean self, boolean connected, boolean removed, boolean blocked) {
    }

    /** 403 with the reason (blocked, connection-removed, not-connected) unless the sender may message the other. */
    public static void checkMaySend(PairFacts facts) {
        if (facts.self()) {
            throw DomainException.forbidden("not-connected", "members cannot message themselves");
        }
        if (facts.blocked()) {
            throw DomainException.forbidden("blocked", "messages are not possible between these members");
        }
        if (!facts.connected() && facts.removed()) {
            throw DomainException.forbidden("connection-removed",
                    "the connection was removed: the conversation stays readable but is closed for new messages");
        }
        if (!facts.connected()) {
            throw DomainException.forbidden("not-connected", "only 1st-degree connections can message each other");
        }
    }

    /**
     * Whether a prompt to message the other member (welcome, follow up) is offered: only while a message could be
     * sent, so that it neither fails nor hints at a removal or a block.
     */
    public static boolean maySend(PairFacts facts) {
        return !facts.self() && !facts.blocked() && facts.connected();
    }

    /** The text as stored: 1 to 8,000 characters, not blank (400 otherwise). */
    public static String checkText(String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid("text", "a message needs a text");
        }
        if (text.length() > MAX_LENGTH) {
            throw DomainException.invalid("text", "a message has at most " + MAX_LENGTH + " characters");
        }
        return text;
    }

    private MessagingPolicy() {
    }
}
