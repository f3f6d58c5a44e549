package dev.trellis.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token, stored as the SHA-256 of the opaque value the member holds. Every token of one family (a log-in
 * and its rotations) shares the session id that the access tokens carry as their {@code sid} claim.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshTokenEntity extends PanacheEntityBase {
    @Id
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
