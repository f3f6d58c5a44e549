package dev.trellis.profile.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.GroupCreated;
import dev.trellis.events.profile.GroupJoined;
import dev.trellis.events.profile.GroupLeft;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.ConflictRetry;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import dev.trellis.profile.domain.Group;
import dev.trellis.profile.store.GroupEntity;
import dev.trellis.profile.store.ProfileQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Groups: create, join, leave (stream per group; the read model changes in the same transaction). */
@ApplicationScoped
public class GroupService {
    private final EventStore store;
    private final Clock clock;
    private final EntityManager em;
    private final ProfileQueries queries;

    public GroupService(EventStore store, Clock clock, EntityManager em, ProfileQueries queries) {
        this.store = store;
        this.clock = clock;
        this.em = em;
        this.queries = queries;
    }

    @Transactional
    public GroupEntity create(UUID owner, String name, String description) {
        UUID id = UUID.randomUUID();
        List<TrellisEvent> events = Group.create(id, owner, name, description, clock.now());
        store.append(Group.streamId(id), 0, events);
        GroupEntity g = new GroupEntity();
        apply(g, events);
        g.version = events.size();
        g.persist();
        return g;
    }

    public GroupEntity join(UUID groupId, UUID member) {
        return decide(groupId, g -> g.join(member, clock.now()));
    }

    public GroupEntity leave(UUID groupId, UUID member) {
        return decide(groupId, g -> g.leave(member, clock.now()));
    }

    @Transactional
    public GroupEntity find(UUID groupId) {
        GroupEntity g = GroupEntity.findById(groupId);
        if (g == null) {
            throw DomainException.notFound("group-not-found", "no group " + groupId);
        }
        return g;
    }

    private GroupEntity decide(UUID groupId, Function<Group, List<TrellisEvent>> decision) {
        return ConflictRetry.inNewTransaction(() -> {
            EventStream stream = store.load(Group.streamId(groupId));
            if (stream.isNew()) {
                throw DomainException.notFound("group-not-found", "no group " + groupId);
            }
            List<TrellisEvent> events = decision.apply(Group.from(stream.events()));
            GroupEntity g = em.find(GroupEntity.class, groupId);
            if (!events.isEmpty()) {
                store.append(stream.streamId(), stream.version(), events);
                apply(g, events);
                g.version = stream.version() + events.size();
            }
            return g;
        });
    }

    private void apply(GroupEntity g, List<TrellisEvent> events) {
        for (TrellisEvent e : events) {
            if (e instanceof GroupCreated c) {
                g.groupId = c.groupId();
                g.name = c.name();
                g.description = c.description();
                g.ownerId = c.ownerId();
                g.createdAt = c.createdAt();
            } else if (e instanceof GroupJoined j) {
                queries.joinGroup(j.groupId(), j.memberId(), j.joinedAt());
                g.memberCount++;
            } else if (e instanceof GroupLeft l) {
                queries.leaveGroup(l.groupId(), l.memberId());
                g.memberCount--;
            }
        }
    }
}
