package dev.trellis.recommendation.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.ConflictRetry;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import dev.trellis.recommendation.domain.Endorsement;
import dev.trellis.recommendation.domain.TextRules;
import dev.trellis.recommendation.store.EndorsementEntity;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import dev.trellis.recommendation.store.MemberDirectory;
import dev.trellis.recommendation.store.RecommendationQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Use cases of skill endorsements. */
@ApplicationScoped
public class EndorsementService {
    private final EventStore store;
    private final FirstDegreeRepository firstDegree;
    private final MemberDirectory directory;
    private final RecommendationQueries queries;
    private final EntityManager em;
    private final Clock clock;

    public EndorsementService(EventStore store, FirstDegreeRepository firstDegree, MemberDirectory directory,
                              RecommendationQueries queries, EntityManager em, Clock clock) {
        this.store = store;
        this.firstDegree = firstDegree;
        this.directory = directory;
        this.queries = queries;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public EndorsementEntity endorse(UUID endorser, UUID member, String skill) {
        TextRules.storable("skill", skill); // before it is looked up
        if (!endorser.equals(member)) {
            directory.requireMember(member);
        }
        if (skill != null && !skill.isBlank()) {
            directory.lock("endorsement:" + endorser + ":" + member + ":" + EndorsementEntity.key(skill));
        }
        Endorsement.Facts facts = new Endorsement.Facts(firstDegree.connected(endorser, member),
                directory.listedSkill(member, skill), skill != null && queries.endorsed(endorser, member, skill));
        UUID id = UUID.randomUUID();
        List<TrellisEvent> events = Endorsement.endorse(id, endorser, member, skill, facts, clock.now());
        store.append(Endorsement.streamId(id), 0, events);
        EndorsementEntity e = new EndorsementEntity();
        events.forEach(e::apply);
        e.persist();
        return e;
    }

    public EndorsementEntity hide(UUID id, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor, e -> e.hide(actor, clock.now())));
    }

    public EndorsementEntity withdraw(UUID id, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor, e -> e.withdrawByEndorser(actor, clock.now())));
    }

    /** The two are no longer connected: their endorsements of each other are withdrawn. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int withdrawBetween(UUID a, UUID b) {
        int n = 0;
        for (UUID id : queries.endorsementsBetween(a, b)) {
            n += withdraw(id, Endorsement.CONNECTION_REMOVED);
        }
        return n;
    }

    /** The member closed their account: their endorsements of others and others' of them are withdrawn. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int withdrawInvolving(UUID member, Instant closedAt) {
        int n = 0;
        for (UUID id : queries.endorsementsInvolving(member)) {
            n += withdraw(id, Endorsement.ACCOUNT_CLOSED, closedAt);
        }
        return n;
    }

    /** The skill left the member's profile: its endorsements are withdrawn (re-adding the skill starts from zero). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int withdrawSkill(UUID member, String skill) {
        int n = 0;
        for (UUID id : queries.endorsementsOfSkill(member, skill)) {
            n += withdraw(id, Endorsement.SKILL_REMOVED);
        }
        return n;
    }

    @Transactional
    public EndorsementEntity find(UUID id, UUID viewer) {
        EndorsementEntity e = EndorsementEntity.findById(id);
        if (e == null || "WITHDRAWN".equals(e.status)
                || ("HIDDEN".equals(e.status) && !viewer.equals(e.memberId) && !viewer.equals(e.endorserId))) {
            throw notFound(id);
        }
        return e;
    }

    private int withdraw(UUID id, String reason) {
        return withdraw(id, reason, clock.now());
    }

    private int withdraw(UUID id, String reason, Instant now) {
        EventStream stream = store.load(Endorsement.streamId(id));
        if (stream.isNew()) {
            return 0;
        }
        List<TrellisEvent> events = Endorsement.from(stream.events()).withdraw(reason, now);
        apply(id, stream.version(), events);
        return events.size();
    }

    private EndorsementEntity decide(UUID id, UUID actor, Function<Endorsement, List<TrellisEvent>> decision) {
        EventStream stream = store.load(Endorsement.streamId(id));
        if (stream.isNew()) {
            throw notFound(id);
        }
        Endorsement e = Endorsement.from(stream.events());
        if (e.status() == Endorsement.Status.WITHDRAWN || !(actor.equals(e.member()) || actor.equals(e.endorser()))) {
            throw notFound(id);
        }
        return apply(id, stream.version(), decision.apply(e));
    }

    private EndorsementEntity apply(UUID id, long version, List<TrellisEvent> events) {
        EndorsementEntity row = em.find(EndorsementEntity.class, id);
        if (!events.isEmpty()) {
            store.append(Endorsement.streamId(id), version, events);
            events.forEach(row::apply);
        }
        return row;
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("endorsement-not-found", "no endorsement " + id);
    }
}
