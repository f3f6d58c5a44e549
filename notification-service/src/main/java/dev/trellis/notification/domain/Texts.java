package dev.trellis.notification.domain;

/**
 * The words members read, rendered at read time from the members' current names (names arrive on another
 * topic, possibly after the notification): an unknown member is "A member".
 */
public final class Texts {
    public static final String UNKNOWN_MEMBER = "A member";
    /** A member who closed their account, as the members they wrote to see them. */
    public static final String DELETED_MEMBER = "Deleted member";

    /** "Alice Smith"; {@link #UNKNOWN_MEMBER} when the member is not known (yet). */
    public static String displayName(String firstName, String lastName) {
        String name = ((firstName == null ? "" : firstName.strip()) + " " + (lastName == null ? "" : lastName.strip())).strip();
        return name.isEmpty() ? UNKNOWN_MEMBER : name;
    }

    /** The line of a notification, e.g. "Alice Smith wants to connect". {@code actorName}: a display name. */
    public static String notification(NotificationKind kind, String actorName) {
        return notification(kind, actorName, null, null);
    }

    /**
     * The line of a notification with the sender's note: an invitation reads "Chris Cooper wants to connect: Hi
     * Olivia, ..." (without a note, as {@link #notification(NotificationKind, String, String, String)}).
     */
    public static String notification(NotificationKind kind, String actorName, String subjectName, String detail,
                                      String note) {
        String line = notification(kind, actorName, subjectName, detail);
        return kind == NotificationKind.INVITATION_RECEIVED && note != null && !note.isBlank()
                ? line + ": " + note.strip() : line;
    }

    /**
     * The line of a notification. {@code subjectName}: the third member's display name (introductions);
     * {@code detail}: the endorsed skill, the recommendation's version.
     */
    public static String notification(NotificationKind kind, String actorName, String subjectName, String detail) {
        String who = actorName == null || actorName.isBlank() ? UNKNOWN_MEMBER : actorName;
        String whom = subjectName == null || subjectName.isBlank() ? "a member" : subjectName;
        return switch (kind) {
            case INVITATION_RECEIVED -> who + " wants to connect";
            case INVITATION_ACCEPTED -> who + " accepted your invitation";
            case INVITATION_REMINDER -> "Reminder: " + who + " is waiting for your answer";
            case RECOMMENDATION_REQUESTED -> who + " asked you for a recommendation";
            case RECOMMENDATION_RECEIVED -> who + " wrote you a recommendation";
            case RECOMMENDATION_REVISED -> who + " revised their recommendation for you";
            case RECOMMENDATION_ACCEPTED -> who + " accepted your recommendation";
            case RECOMMENDATION_REVISION_REQUESTED -> who + " asked you to revise your recommendation";
            case SKILL_ENDORSED -> detail == null || detail.isBlank() ? who + " endorsed one of your skills"
                    : who + " endorsed you for " + detail;
            case INTRODUCTION_REQUESTED -> who + " asked you to introduce them to " + whom;
            case INTRODUCED_TO_YOU -> who + " introduced you to " + whom;
            case INTRODUCTION_FORWARDED -> who + " introduced you to " + whom;
            case INTRODUCTION_DECLINED -> who + " could not introduce you to " + whom;
            case NEW_FOLLOWER -> who + " started following you";
            case FOLLOW_UP_REMINDER -> "You connected with " + who + " a few days ago: send a message to follow up";
            case CHECK_IN_SUGGESTION -> "It's been a while since you talked with " + who + ": check in?";
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
            case RECIPROCATE -> (named ? "Write " + first + " a recommendation in return?" : "Write a recommendation in return?");
        };
    }

    private Texts() {
    }
}
