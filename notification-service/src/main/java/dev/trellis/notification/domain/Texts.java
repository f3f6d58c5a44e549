package dev.trellis.notification.domain;

/**
 * The words members read, rendered at read time from the members' current names (names arrive on another
 * topic, possibly after the notification): an unknown member is "A member".
 */
public final class Texts {
    public static final String UNKNOWN_MEMBER = "A member";

    /** "Alice Smith"; {@link #UNKNOWN_MEMBER} when the member is not known (yet). */
    public static String displayName(String firstName, String lastName) {
        String name = ((firstName == null ? "" : firstName.strip()) + " " + (lastName == null ? "" : lastName.strip())).strip();
        return name.isEmpty() ? UNKNOWN_MEMBER : name;
    }

    /** The line of a notification, e.g. "Alice Smith wants to connect". {@code actorName}: a display name. */
    public static String notification(NotificationKind kind, String actorName) {
        String who = actorName == null || actorName.isBlank() ? UNKNOWN_MEMBER : actorName;
        return switch (kind) {
            case INVITATION_RECEIVED -> who + " wants to connect";
            case INVITATION_ACCEPTED -> who + " accepted your invitation";
            case INVITATION_REMINDER -> "Reminder: " + who + " is waiting for your answer";
            case RECOMMENDATION_RECEIVED -> who + " wrote you a recommendation";
        };
    }

    /**
     * The pre-filled message of a prompt, addressed to the other member by first name ({@code null}: not known
     * yet, the greeting goes without it). Members edit it before sending.
     */
    public static String prompt(PromptKind kind, String otherFirstName) {
        boolean named = otherFirstName != null && !otherFirstName.isBlank();
        String first = named ? otherFirstName.strip() : null;
        return switch (kind) {
            case WELCOME_MESSAGE -> (named ? "Thanks for connecting, " + first + "!" : "Thanks for connecting!")
                    + " I'm glad to have you in my network and look forward to staying in touch."
                    + " What are you working on these days?";
            case FOLLOW_UP -> (named ? "Great to be connected, " + first + "." : "Great to be connected.")
                    + " I reached out because I think we could learn from each other's work."
                    + " Would you be open to a short chat in the coming weeks?";
        };
    }

    private Texts() {
    }
}
