package dev.trellis.invitation.domain;

public enum InvitationStatus {
    PENDING, ACCEPTED, IGNORED, WITHDRAWN
}
