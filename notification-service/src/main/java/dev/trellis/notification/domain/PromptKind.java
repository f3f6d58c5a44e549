package dev.trellis.notification.domain;

/** A suggested next step. */
public enum PromptKind {
    /** To the member who accepted: welcome (thank) the inviter, with a message. */
    WELCOME_MESSAGE,
    /** To the inviter: follow up with the new connection, with a message. */
    FOLLOW_UP,
    /** To a member whose recommendation they accepted: write one in return for its author. */
    RECIPROCATE;

    /** Done by sending the other member a message. */
    public boolean doneByMessage() {
        return this == WELCOME_MESSAGE || this == FOLLOW_UP;
    }
}
