package dev.trellis.notification.domain;

import java.util.List;

/** What happened, and which badge it counts in. */
public enum NotificationKind {
    /** Someone invited the recipient to connect (the actor is the sender). */
    INVITATION_RECEIVED(Category.MY_NETWORK),
    /** The recipient's invitation was accepted (the actor is the accepter). */
    INVITATION_ACCEPTED(Category.MY_NETWORK),
    /** An invitation to the recipient is still waiting for their answer (the actor is the sender). */
    INVITATION_REMINDER(Category.MY_NETWORK),
    /** Someone wrote the recipient a recommendation (the actor is the author). */
    RECOMMENDATION_RECEIVED(Category.NOTIFICATIONS);

    /**
     * The recipient's notifications that ask for an answer to an invitation: handled once it is answered, removed
     * once it is withdrawn or expired.
     */
    public static final List<NotificationKind> AWAITING_ANSWER = List.of(INVITATION_RECEIVED, INVITATION_REMINDER);

    private final Category category;

    NotificationKind(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
