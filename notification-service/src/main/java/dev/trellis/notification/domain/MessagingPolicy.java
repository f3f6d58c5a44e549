package dev.trellis.notification.domain;

import dev.trellis.platform.domain.DomainException;

/**
 * Who may message whom: 1st-degree connections only, and never across a block. A connection removed later keeps
 * the conversation readable but closed for new messages. Every refusal is the same neutral {@code not-possible}.
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

    /**
     * 403 {@code not-possible} unless the sender may message the other member. The one neutral refusal whatever
     * the cause (never connected, the connection removed, a block either way, oneself): nothing in the answer tells
     * the other member's block or removal apart from "not connected".
     */
    public static void checkMaySend(PairFacts facts) {
        if (!maySend(facts)) {
            throw DomainException.notPossible();
        }
    }

    /**
     * Whether a message can be sent (and so whether a prompt to message the other member, welcome or follow up, is
     * offered): only to a current 1st-degree connection, never across a block, never to oneself.
     */
    public static boolean maySend(PairFacts facts) {
        return !facts.self() && !facts.blocked() && facts.connected();
    }

    /**
     * What a conversation says about why it is closed: null while a message can be sent, else the one value
     * {@code not-possible} (never the cause).
     */
    public static String closedReason(PairFacts facts) {
        return maySend(facts) ? null : DomainException.NOT_POSSIBLE;
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
