package dev.trellis.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Optional;
import java.util.UUID;

/** Private: e-mail, its HMAC (for contacts import) and the bcrypt hash. Never published, never in a response but the owner's. */
@Entity
@Table(name = "credential")
public class CredentialEntity extends PanacheEntityBase {
    @Id
    @Column(name = "member_id")
    public UUID memberId;
    public String email;
    @Column(name = "email_hmac")
    public String emailHmac;
    @Column(name = "password_hash")
    public String passwordHash;
    /** Set when the member asked to close the account; the row is deleted when the closing is finished. */
    @Column(name = "closing_since")
    public java.time.Instant closingSince;

    public static Optional<CredentialEntity> byEmail(String email) {
        return find("lower(email) = lower(?1)", email.strip()).firstResultOptional();
    }
}
