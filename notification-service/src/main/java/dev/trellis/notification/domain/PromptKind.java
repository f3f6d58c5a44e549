package dev.trellis.notification.domain;

/** A suggested next step after a new connection. */
public enum PromptKind {
    /** To the member who accepted: welcome (thank) the inviter. */
    WELCOME_MESSAGE,
    /** To the inviter: follow up with the new connection. */
    FOLLOW_UP
}
