package dev.trellis.platform.crypto;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members' encryption keys (table {@code member_key} of the key vault database, datasource {@code keys}:
 * one database every service reads, like a KMS; see docs/architecture.md, "Erasure"). A key is made the first
 * time a writer needs it and deleted for good when the member closes the account; an erased member never gets a
 * new one. Keys are cached in memory for {@code trellis.keys.cache-ttl} (default 5 s) at most, and dropped from
 * the cache as soon as this process reads the member's AccountClosed ({@link #forget}); they are never written
 * anywhere else.
 */
@ApplicationScoped
public class KeyVault {
    private static final int MAX_CACHED = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A cached lookup: the key, or null for a member whose key is gone (or was never made). */
    private record Cached(SecretKey key, boolean erased, long expiresAt) {
    }

    private final AgroalDataSource dataSource;
    private final long ttlNanos;
    private final MeterRegistry meters;
    private final ConcurrentHashMap<UUID, Cached> cache = new ConcurrentHashMap<>();

    public KeyVault(@DataSource("keys") AgroalDataSource dataSource,
                    @ConfigProperty(name = "trellis.keys.cache-ttl", defaultValue = "PT5S") Duration ttl,
                    MeterRegistry meters) {
        this.dataSource = dataSource;
        this.ttlNanos = ttl.toNanos();
        this.meters = meters;
    }

    /** The member's key for reading; empty if it was erased (or never made: then nothing was sealed with it). */
    public Optional<SecretKey> existing(UUID member) {
        return Optional.ofNullable(lookup(member).key());
    }

    /** The member's key for writing, made now if the member has none; empty if the member's key was erased. */
    public Optional<SecretKey> forWriting(UUID member) {
        Cached c = cached(member);
        if (c == null || (c.key() == null && !c.erased())) {
            c = put(member, load(member, true));
        }
        return Optional.ofNullable(c.key());
    }

    /** Deletes the member's key for good (idempotent). Every copy of what was sealed with it is unreadable after. */
    public void erase(UUID member) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO member_key (member_id, secret, erased_at) VALUES (?, NULL, now())
                     ON CONFLICT (member_id) DO UPDATE SET secret = NULL,
                         erased_at = COALESCE(member_key.erased_at, now())""")) {
            ps.setObject(1, member);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new KeyVaultUnavailableException("key vault: cannot erase the key of " + member, e);
        }
        cache.put(member, new Cached(null, true, 0));
        meters.counter("trellis.keys.erased").increment();
    }

    /** Whether the member's key was erased (their account is closed). */
    public boolean erased(UUID member) {
        return lookup(member).erased();
    }

    /** The cached lookup, or the vault's answer (no key made). */
    private Cached lookup(UUID member) {
        Cached c = cached(member);
        return c != null ? c : put(member, load(member, false));
    }

    /** Drops the member from this process's cache (their AccountClosed was read). */
    public void forget(UUID member) {
        cache.remove(member);
    }

    private Cached cached(UUID member) {
        Cached c = cache.get(member);
        return c != null && (c.erased() || c.expiresAt() - System.nanoTime() > 0) ? c : null;
    }

    private Cached put(UUID member, Cached c) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(member, c);
        return c;
    }

    private Cached load(UUID member, boolean create) {
        long expires = System.nanoTime() + ttlNanos;
        try (Connection c = dataSource.getConnection()) {
            if (create) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO member_key (member_id, secret) VALUES (?, ?) ON CONFLICT (member_id) DO NOTHING")) {
                    ps.setObject(1, member);
                    ps.setBytes(2, fresh);
                    if (ps.executeUpdate() == 1) {
                        meters.counter("trellis.keys.created").increment();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT secret, erased_at IS NOT NULL FROM member_key WHERE member_id = ?")) {
                ps.setObject(1, member);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Cached(null, false, expires);
                    }
                    byte[] secret = rs.getBytes(1);
                    boolean erased = rs.getBoolean(2);
                    return new Cached(secret == null ? null : new SecretKeySpec(secret, "AES"), erased,
                            expires);
                }
            }
        } catch (SQLException e) {
            throw new KeyVaultUnavailableException("key vault: cannot read the key of " + member, e);
        }
    }
}
