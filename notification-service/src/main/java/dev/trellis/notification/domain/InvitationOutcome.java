package dev.trellis.notification.domain;

/** Where an invitation stands, as far as this service has heard. */
public enum InvitationOutcome {
    PENDING, ACCEPTED, IGNORED, WITHDRAWN;

    /**
     * The transitions of the invitation aggregate: a pending invitation is answered once; an ignored one may
     * still be withdrawn (its sender thinks it pending). Anything else is a duplicate or stale event.
     */
    public boolean canBecome(InvitationOutcome next) {
        return switch (this) {
            case PENDING -> next != PENDING;
            case IGNORED -> next == WITHDRAWN;
            case ACCEPTED, WITHDRAWN -> false;
        };
    }
}
