package dev.trellis.platform.domain;

/**
 * A command refused by a domain rule. {@code reason} is machine-readable (kebab-case) and ends up in the
 * problem+json body; {@code kind} chooses the HTTP status. Plain Java: usable from framework-free domain code.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        /** 400: a request parameter is malformed; {@link #field()} names it. */
        INVALID,
        /** 401: the caller could not be identified (wrong credentials). */
        UNAUTHENTICATED,
        /** 404: the thing does not exist (or is not visible to the caller). */
        NOT_FOUND,
        /** 403: the caller may not do this. */
        FORBIDDEN,
        /** 409: conflicts with the current state (already answered, duplicate, concurrent change). */
        CONFLICT,
        /** 429: over a rate limit (the weekly invitation quota); {@link #retryAt()} says when it frees up. */
        RATE_LIMITED,
        /** 422: well-formed but refused by a rule (inviting yourself, note too long...). */
        RULE_VIOLATION
    }

    private final Kind kind;
    private final String reason;
    private String field;
    private java.time.Instant retryAt;

    public DomainException(Kind kind, String reason, String message) {
        super(message);
        this.kind = kind;
        this.reason = reason;
    }

    public static DomainException notFound(String reason, String message) {
        return new DomainException(Kind.NOT_FOUND, reason, message);
    }

    /** 400 naming the malformed parameter. */
    public static DomainException invalid(String field, String message) {
        DomainException e = new DomainException(Kind.INVALID, "validation-failed", field + ": " + message);
        e.field = field;
        return e;
    }

    /** 429 with the moment the limit frees up (may be null). */
    public static DomainException rateLimited(String reason, String message, java.time.Instant retryAt) {
        DomainException e = new DomainException(Kind.RATE_LIMITED, reason, message);
        e.retryAt = retryAt;
        return e;
    }

    public static DomainException unauthenticated(String reason, String message) {
        return new DomainException(Kind.UNAUTHENTICATED, reason, message);
    }

    public static DomainException forbidden(String reason, String message) {
        return new DomainException(Kind.FORBIDDEN, reason, message);
    }

    public static DomainException conflict(String reason, String message) {
        return new DomainException(Kind.CONFLICT, reason, message);
    }

    /** The one neutral refusal reason of an action that a block, a removal, an ignore or "I don't know this person" prevents. */
    public static final String NOT_POSSIBLE = "not-possible";

    /**
     * 403 {@value #NOT_POSSIBLE}: the action is not possible with this member. The same answer whatever the cause (a block
     * either way, a removed connection, an invitation the other member declined), so that the caller cannot tell
     * the causes apart. Use it for every refusal whose true reason the other member keeps private.
     */
    public static DomainException notPossible() {
        return new DomainException(Kind.FORBIDDEN, NOT_POSSIBLE, "this is not possible with this member");
    }

    public static DomainException rule(String reason, String message) {
        return new DomainException(Kind.RULE_VIOLATION, reason, message);
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    /** When a {@link Kind#RATE_LIMITED} refusal frees up, or null. */
    public java.time.Instant retryAt() {
        return retryAt;
    }

    /** The malformed parameter of an {@link Kind#INVALID} refusal, else null. */
    public String field() {
        return field;
    }
}
