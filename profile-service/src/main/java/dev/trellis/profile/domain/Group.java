package dev.trellis.profile.domain;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.GroupCreated;
import dev.trellis.events.profile.GroupJoined;
import dev.trellis.events.profile.GroupLeft;
import dev.trellis.platform.domain.DomainException;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A group (stream "group-<id>"): created by its owner, who is its first member. Members join and leave; joining
 * twice or leaving when not a member changes nothing. The owner cannot leave their own group.
 */
public final class Group {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2_000;

    private UUID id;
    private UUID owner;
    private final Set<UUID> members = new HashSet<>();

    private Group() {
    }

    public static String streamId(UUID groupId) {
        return "group-" + groupId;
    }

    public static List<TrellisEvent> create(UUID groupId, UUID owner, String name, String description, Instant now) {
        String n = name == null ? "" : Text.line("name", name).strip();
        if (n.isEmpty()) {
            throw DomainException.invalid("name", "must not be blank");
        }
        if (n.length() > MAX_NAME) {
            throw DomainException.invalid("name", "at most " + MAX_NAME + " characters");
        }
        String d = description == null || description.isBlank() ? null : Text.multiLine("description", description).strip();
        if (d != null && d.length() > MAX_DESCRIPTION) {
            throw DomainException.invalid("description", "at most " + MAX_DESCRIPTION + " characters");
        }
        return List.of(new GroupCreated(groupId, n, d, owner, now), new GroupJoined(groupId, owner, now));
    }

    public static Group from(List<? extends TrellisEvent> events) {
        Group g = new Group();
        events.forEach(g::apply);
        if (g.id == null) {
            throw DomainException.notFound("group-not-found", "no such group");
        }
        return g;
    }

    private void apply(TrellisEvent e) {
        if (e instanceof GroupCreated c) {
            id = c.groupId();
            owner = c.ownerId();
        } else if (e instanceof GroupJoined j) {
            members.add(j.memberId());
        } else if (e instanceof GroupLeft l) {
            members.remove(l.memberId());
        }
    }

    public List<TrellisEvent> join(UUID member, Instant now) {
        if (members.contains(member)) {
            return List.of();
        }
        List<TrellisEvent> events = List.of(new GroupJoined(id, member, now));
        events.forEach(this::apply);
        return events;
    }

    public List<TrellisEvent> leave(UUID member, Instant now) {
        if (!members.contains(member)) {
            return List.of();
        }
        if (member.equals(owner)) {
            throw DomainException.rule("owner-cannot-leave", "the owner cannot leave their own group");
        }
        List<TrellisEvent> events = List.of(new GroupLeft(id, member, now));
        events.forEach(this::apply);
        return events;
    }

    public boolean isMember(UUID member) {
        return members.contains(member);
    }
}
