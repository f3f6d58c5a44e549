package dev.trellis.notification.application;

import dev.trellis.notification.domain.Badges;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Members' badge counts in memory, so that reading the badge (the most frequent call of all) needs no query.
 * An entry is dropped when the member's counts change: at once on this replica when the changing transaction
 * commits, and on every replica when its NOTIFY arrives (see {@link BadgeBroadcaster}). A read that raced with a
 * change does not store what it read: each invalidation bumps a version (striped by member), and a read stores
 * its result only if the version did not move while it read.
 */
@ApplicationScoped
public class BadgeCache {
    private static final int STRIPES = 4096;

    private final Map<UUID, Badges> entries = new ConcurrentHashMap<>();
    private final AtomicLongArray versions = new AtomicLongArray(STRIPES);
    private final int maxEntries;

    public BadgeCache(@ConfigProperty(name = "trellis.notification.badge-cache-size") int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The member's counts, from memory or else {@code read} (which then fills the cache if nothing changed meanwhile). */
    public Badges get(UUID member, Supplier<Badges> read) {
        Badges cached = entries.get(member);
        if (cached != null) {
            return cached;
        }
        int stripe = stripe(member);
        long before = versions.get(stripe);
        Badges fresh = read.get();
        if (maxEntries > 0) {
            if (entries.size() >= maxEntries) {
                entries.clear(); // crude bound: the next reads refill it
            }
            entries.compute(member, (k, old) -> versions.get(stripe) == before ? fresh : old);
        }
        return fresh;
    }

    /** The member's cached counts, or null. */
    public Badges peek(UUID member) {
        return entries.get(member);
    }

    public void invalidate(UUID member) {
        versions.incrementAndGet(stripe(member));
        entries.remove(member);
    }

    public void invalidateAll() {
        for (int i = 0; i < STRIPES; i++) {
            versions.incrementAndGet(i);
        }
        entries.clear();
    }

    private static int stripe(UUID member) {
        return (member.hashCode() & 0x7fffffff) % STRIPES;
    }
}
