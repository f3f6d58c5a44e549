package dev.trellis.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One sign-up request waiting for the code mailed to its address (looked up by the address's HMAC); private, never
 * published. Every request has its own code.
 */
@Entity
@Table(name = "pending_sign_up")
public class PendingSignUpEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "email_key")
    public String emailKey;
    public String email;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String headline;
    @Column(name = "code_hash")
    public String codeHash;
    public int attempts;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** The requests pending for an address, newest first. */
    public static List<PendingSignUpEntity> of(String emailKey) {
        return list("emailKey = ?1 ORDER BY createdAt DESC", emailKey);
    }
}
