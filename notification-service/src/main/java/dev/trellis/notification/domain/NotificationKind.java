package dev.trellis.notification.domain;

/** What happened, and which badge it counts in. */
public enum NotificationKind {
    /** Someone invited the recipient to connect (the actor is the sender). */
    INVITATION_RECEIVED(Category.MY_NETWORK),
    /** The recipient's invitation was accepted (the actor is the accepter). */
    INVITATION_ACCEPTED(Category.MY_NETWORK),
    /** Someone wrote the recipient a recommendation (the actor is the author). */
    RECOMMENDATION_RECEIVED(Category.NOTIFICATIONS);

    private final Category category;

    NotificationKind(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
