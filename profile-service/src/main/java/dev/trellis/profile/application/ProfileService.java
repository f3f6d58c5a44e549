package dev.trellis.profile.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.ConflictRetry;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import dev.trellis.profile.domain.Member;
import dev.trellis.profile.store.ProfileEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Profile edits, skills, privacy settings and creator mode: load the member stream, decide, append, update the row. */
@ApplicationScoped
public class ProfileService {
    private final EventStore store;
    private final Clock clock;
    private final EntityManager em;

    public ProfileService(EventStore store, Clock clock, EntityManager em) {
        this.store = store;
        this.clock = clock;
        this.em = em;
    }

    public ProfileEntity edit(UUID member, Member.Edit edit) {
        return decide(member, m -> m.edit(edit, clock.now()));
    }

    public ProfileEntity addSkill(UUID member, String skill) {
        return decide(member, m -> m.addSkill(skill, clock.now()));
    }

    public ProfileEntity removeSkill(UUID member, String skill) {
        return decide(member, m -> m.removeSkill(skill, clock.now()));
    }

    public ProfileEntity changePrivacy(UUID member, String connections, String profile, Boolean findable) {
        return decide(member, m -> m.changePrivacy(connections, profile, findable, clock.now()));
    }

    public ProfileEntity creatorMode(UUID member, boolean enabled) {
        return decide(member, m -> m.creatorMode(enabled, clock.now()));
    }

    private ProfileEntity decide(UUID member, Function<Member, List<TrellisEvent>> decision) {
        return ConflictRetry.inNewTransaction(() -> {
            EventStream stream = store.load(Member.streamId(member));
            if (stream.isNew()) {
                throw DomainException.notFound("member-not-found", "no member " + member);
            }
            List<TrellisEvent> events = decision.apply(Member.from(stream.events()));
            ProfileEntity p = em.find(ProfileEntity.class, member);
            if (!events.isEmpty()) {
                store.append(stream.streamId(), stream.version(), events);
                events.forEach(p::apply);
            }
            return p;
        });
    }
}
