package dev.trellis.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One log-in counter: of a client address ("c:"), of an account ("a:") or of an account tried from one client
 * ("p:"); keyed by HMACs, so neither e-mail addresses nor client addresses are stored.
 */
@Entity
@Table(name = "login_throttle")
public class LoginThrottleEntity extends PanacheEntityBase {
    @Id
    @Column(name = "throttle_key")
    public String key;
    /** Attempts (client) or failures (account, pair) counted. */
    public int count;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "last_failure")
    public Instant lastFailure;
    @Column(name = "next_allowed")
    public Instant nextAllowed;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
