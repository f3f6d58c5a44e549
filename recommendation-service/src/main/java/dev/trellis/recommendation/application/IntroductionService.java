package dev.trellis.recommendation.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.ConflictRetry;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import dev.trellis.recommendation.domain.Introduction;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import dev.trellis.recommendation.store.IntroductionEntity;
import dev.trellis.recommendation.store.MemberDirectory;
import dev.trellis.recommendation.store.RecommendationQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Use cases of introductions through a mutual connection. */
@ApplicationScoped
public class IntroductionService {
    private final EventStore store;
    private final FirstDegreeRepository firstDegree;
    private final MemberDirectory directory;
    private final RecommendationQueries queries;
    private final EntityManager em;
    private final Clock clock;

    public IntroductionService(EventStore store, FirstDegreeRepository firstDegree, MemberDirectory directory,
                               RecommendationQueries queries, EntityManager em, Clock clock) {
        this.store = store;
        this.firstDegree = firstDegree;
        this.directory = directory;
        this.queries = queries;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public IntroductionEntity request(UUID requester, UUID introducer, UUID target, String note) {
        for (UUID m : List.of(introducer, target)) {
            if (!m.equals(requester)) {
                directory.requireMember(m);
            }
        }
        directory.lock("introduction:" + requester + ":" + target);
        UUID id = UUID.randomUUID();
        List<TrellisEvent> events = Introduction.request(id, requester, introducer, target, note,
                facts(requester, introducer, target), queries.introductionPending(requester, target), clock.now());
        store.append(Introduction.streamId(id), 0, events);
        IntroductionEntity e = new IntroductionEntity();
        events.forEach(e::apply);
        e.persist();
        return e;
    }

    public IntroductionEntity forward(UUID id, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor,
                i -> i.forward(actor, facts(i.requester(), i.introducer(), i.target()), clock.now())));
    }

    public IntroductionEntity decline(UUID id, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor, i -> i.decline(actor, clock.now())));
    }

    /**
     * Two members stopped being connected or one blocked the other: every open introduction among whose three
     * members both are is closed as declined (in the consumer's transaction, so a redelivery closes nothing twice).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelInvolving(UUID a, UUID b) {
        return closeAll(queries.openIntroductionsInvolving(a, b), i -> i.cancelOnGraphChange(a, b, clock.now()));
    }

    /** The member closed their account: every open introduction they take part in is closed as declined. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int closeInvolving(UUID member, Instant closedAt) {
        return closeAll(queries.openIntroductionsOf(member), i -> i.closeAccount(member, closedAt));
    }

    private int closeAll(List<UUID> ids, Function<Introduction, List<TrellisEvent>> decision) {
        int n = 0;
        for (UUID id : ids) {
            EventStream stream = store.load(Introduction.streamId(id));
            if (stream.isNew()) {
                continue;
            }
            List<TrellisEvent> events = decision.apply(Introduction.from(stream.events()));
            if (!events.isEmpty()) {
                store.append(stream.streamId(), stream.version(), events);
                IntroductionEntity row = em.find(IntroductionEntity.class, id);
                events.forEach(row::apply);
                n += events.size();
            }
        }
        return n;
    }

    /** The requester and the introducer see it; the target once it was forwarded to them. */
    @Transactional
    public IntroductionEntity find(UUID id, UUID viewer) {
        IntroductionEntity e = IntroductionEntity.findById(id);
        if (e == null || !(viewer.equals(e.requesterId) || viewer.equals(e.introducerId)
                || (viewer.equals(e.targetId) && "FORWARDED".equals(e.status)))) {
            throw notFound(id);
        }
        return e;
    }

    private Introduction.Facts facts(UUID requester, UUID introducer, UUID target) {
        boolean blocked = firstDegree.blockedEitherWay(requester, target) || firstDegree.blockedEitherWay(requester, introducer)
                || firstDegree.blockedEitherWay(introducer, target);
        return new Introduction.Facts(firstDegree.connected(requester, introducer), firstDegree.connected(introducer, target),
                firstDegree.connected(requester, target), blocked);
    }

    private IntroductionEntity decide(UUID id, UUID actor, Function<Introduction, List<TrellisEvent>> decision) {
        EventStream stream = store.load(Introduction.streamId(id));
        if (stream.isNew()) {
            throw notFound(id);
        }
        Introduction i = Introduction.from(stream.events());
        if (!i.visibleTo(actor)) {
            throw notFound(id);
        }
        List<TrellisEvent> events = decision.apply(i);
        store.append(stream.streamId(), stream.version(), events);
        IntroductionEntity row = em.find(IntroductionEntity.class, id);
        events.forEach(row::apply);
        return row;
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("introduction-not-found", "no introduction " + id);
    }
}
