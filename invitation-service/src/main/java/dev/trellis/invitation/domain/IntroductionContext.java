package dev.trellis.invitation.domain;

/**
 * The context an invitation gets when a mutual connection forwarded an introduction from its sender to its
 * recipient: "Introduced by Ian Smith" (at most 100 characters, like any context). A context the sender gives
 * themself takes precedence.
 */
public final class IntroductionContext {
    public static final int MAX = 100;
    /** Every introduction's context starts so. */
    public static final String PREFIX = "Introduced by ";
    /** The context of an introduction whose introducer has no name to show (or closed their account since). */
    public static final String UNNAMED = PREFIX + "a mutual connection";

    /** The context to send: the sender's own if given, else the introduction's. */
    public static String of(String givenContext, String introducerFirstName, String introducerLastName) {
        if (givenContext != null && !givenContext.isBlank()) {
            return givenContext;
        }
        String name = ((introducerFirstName == null ? "" : introducerFirstName) + " "
                + (introducerLastName == null ? "" : introducerLastName)).strip();
        String text = name.isEmpty() ? UNNAMED : PREFIX + name;
        return text.length() <= MAX ? text : text.substring(0, MAX).strip();
    }

    private IntroductionContext() {
    }
}
