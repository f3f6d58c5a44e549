package dev.trellis.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Failed log-ins of one e-mail address (keyed by its HMAC). */
@Entity
@Table(name = "login_throttle")
public class LoginThrottleEntity extends PanacheEntityBase {
    @Id
    @Column(name = "email_key")
    public String emailKey;
    public int failures;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "locked_until")
    public Instant lockedUntil;
}
