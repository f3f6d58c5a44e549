package dev.trellis.recommendation.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.recommendation.RecommendationWritten;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.ConflictRetry;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import dev.trellis.recommendation.domain.Recommendation;
import dev.trellis.recommendation.domain.RecommendationStatus;
import dev.trellis.recommendation.domain.RequestTemplates;
import dev.trellis.recommendation.domain.Spread360;
import dev.trellis.recommendation.store.FirstDegreeRepository;
import dev.trellis.recommendation.store.MemberDirectory;
import dev.trellis.recommendation.store.RecommendationEntity;
import dev.trellis.recommendation.store.RecommendationQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Use cases of recommendations: gather the facts, let the aggregate decide, append, update the read model. */
@ApplicationScoped
public class RecommendationService {
    private final EventStore store;
    private final FirstDegreeRepository firstDegree;
    private final MemberDirectory directory;
    private final RecommendationQueries queries;
    private final EntityManager em;
    private final Clock clock;

    public RecommendationService(EventStore store, FirstDegreeRepository firstDegree, MemberDirectory directory,
                                 RecommendationQueries queries, EntityManager em, Clock clock) {
        this.store = store;
        this.firstDegree = firstDegree;
        this.directory = directory;
        this.queries = queries;
        this.em = em;
        this.clock = clock;
    }

    /** What a member asks for: a message, or a template with the values profiles cannot fill. */
    public record RequestCommand(UUID authorId, String message, String templateId, Map<String, String> templateValues,
                                 String relationship, String position) {
    }

    @Transactional
    public RecommendationEntity request(UUID requester, RequestCommand cmd) {
        if (!requester.equals(cmd.authorId())) {
            directory.requireMember(cmd.authorId());
        }
        lockPair(cmd.authorId(), requester);
        String message = cmd.message();
        String templateId = cmd.templateId() == null || cmd.templateId().isBlank() ? null : cmd.templateId();
        if (templateId != null) {
            if (message != null && !message.isBlank()) {
                throw DomainException.invalid("message", "give either a message or a templateId, not both");
            }
            message = render(requester, templateId, cmd.authorId(), cmd.templateValues());
        }
        UUID id = UUID.randomUUID();
        List<TrellisEvent> events = Recommendation.request(id, requester, cmd.authorId(), cmd.relationship(),
                cmd.position(), message, firstDegree.connected(requester, cmd.authorId()),
                queries.live(cmd.authorId(), requester) != null, clock.now());
        return create(id, events);
    }

    /**
     * An author writes for a connection. If that member asked them for one, the request is fulfilled (same
     * recommendation); otherwise a new, unrequested recommendation starts.
     */
    @Transactional
    public RecommendationEntity write(UUID author, UUID recipient, Recommendation.Draft draft) {
        if (!author.equals(recipient)) {
            directory.requireMember(recipient);
        }
        lockPair(author, recipient);
        RecommendationEntity live = author.equals(recipient) ? null : queries.live(author, recipient);
        if (live != null && RecommendationStatus.REQUESTED.name().equals(live.status)) {
            return decide(live.recommendationId, author, r -> r.write(author, draft, firstDegree.connected(author, recipient), clock.now()));
        }
        UUID id = UUID.randomUUID();
        List<TrellisEvent> events = Recommendation.write(id, author, recipient, draft,
                firstDegree.connected(author, recipient), live != null, clock.now());
        return create(id, events);
    }

    /** The author writes a requested recommendation, or a new version after a revision request. */
    public RecommendationEntity writeOn(UUID id, UUID actor, Recommendation.Draft draft) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor,
                r -> r.write(actor, draft, firstDegree.connected(r.author(), r.recipient()), clock.now())));
    }

    public RecommendationEntity accept(UUID id, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor, r -> r.accept(actor, clock.now())));
    }

    public RecommendationEntity reject(UUID id, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor, r -> r.reject(actor, clock.now())));
    }

    public RecommendationEntity requestRevision(UUID id, UUID actor, String message) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor, r -> r.requestRevision(actor, message, clock.now())));
    }

    public RecommendationEntity hide(UUID id, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor, r -> r.hide(actor, clock.now())));
    }

    public RecommendationEntity show(UUID id, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor, r -> r.show(actor, clock.now())));
    }

    public RecommendationEntity withdraw(UUID id, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(id, actor, r -> r.withdrawByAuthor(actor, clock.now())));
    }

    /** The two are no longer connected: every open recommendation between them, either way, is withdrawn. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int withdrawBetween(UUID a, UUID b) {
        return withdrawAll(queries.openBetween(a, b), r -> r.withdrawOnConnectionRemoved(clock.now()));
    }

    /**
     * The member closed their account: every open or accepted recommendation by or for them is withdrawn (reason
     * ACCOUNT_CLOSED), in the consumer's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int withdrawInvolving(UUID member, Instant closedAt) {
        return withdrawAll(queries.openInvolving(member), r -> r.withdrawOnAccountClosed(closedAt));
    }

    private int withdrawAll(List<UUID> ids, Function<Recommendation, List<TrellisEvent>> decision) {
        int n = 0;
        for (UUID id : ids) {
            EventStream stream = store.load(Recommendation.streamId(id));
            if (stream.isNew()) {
                continue;
            }
            List<TrellisEvent> events = decision.apply(Recommendation.from(stream.events()));
            applyAndStore(id, stream.version(), events);
            n += events.size();
        }
        return n;
    }

    /** The recommendation as {@code viewer} may see it: its author and recipient, others only once it is public. */
    @Transactional
    public RecommendationEntity find(UUID id, UUID viewer) {
        RecommendationEntity e = RecommendationEntity.findById(id);
        if (e == null || "WITHDRAWN".equals(e.status)) {
            throw notFound(id);
        }
        boolean involved = viewer.equals(e.authorId) || viewer.equals(e.recipientId);
        if (!involved && !("ACCEPTED".equals(e.status) && !e.hidden)) {
            throw notFound(id);
        }
        return e;
    }

    /** The request message a template gives for the member asked, for the requester to edit before sending. */
    @Transactional
    public String render(UUID requester, String templateId, UUID author, Map<String, String> given) {
        RequestTemplates.get(templateId);
        Map<String, String> values = new HashMap<>();
        if (given != null) {
            given.forEach((k, v) -> {
                if (!RequestTemplates.FROM_PROFILES.contains(k)) {
                    values.put(k, v);
                }
            });
        }
        directory.requireMember(author);
        MemberDirectory.Name asked = directory.nameFor(requester, author);
        MemberDirectory.Name me = directory.nameFor(requester, requester);
        if (asked.firstName() != null && !asked.firstName().isBlank()) {
            values.put("firstName", asked.firstName());
        }
        if (me.fullName() != null && !me.fullName().isBlank()) {
            values.put("myName", me.fullName());
        }
        return RequestTemplates.render(templateId, values);
    }

    /** Which of the five 360-degree kinds the member's accepted recommendations come from, and which are missing. */
    @Transactional
    public Spread360.Result spread(UUID member) {
        return Spread360.of(queries.acceptedRelationships(member));
    }

    /** Whether the recipient of an accepted recommendation may still write one back to its author. */
    @Transactional
    public boolean canWriteInReturn(RecommendationEntity e) {
        return "ACCEPTED".equals(e.status) && firstDegree.connected(e.recipientId, e.authorId)
                && queries.live(e.recipientId, e.authorId) == null;
    }

    private void lockPair(UUID author, UUID recipient) {
        directory.lock("recommendation:" + author + ":" + recipient);
    }

    private RecommendationEntity create(UUID id, List<TrellisEvent> events) {
        store.append(Recommendation.streamId(id), 0, events);
        RecommendationEntity e = new RecommendationEntity();
        record(e, events);
        e.persist();
        return e;
    }

    private RecommendationEntity decide(UUID id, UUID actor, Function<Recommendation, List<TrellisEvent>> decision) {
        EventStream stream = store.load(Recommendation.streamId(id));
        if (stream.isNew()) {
            throw notFound(id);
        }
        Recommendation r = Recommendation.from(stream.events());
        if (!r.involves(actor) || r.status() == RecommendationStatus.WITHDRAWN) {
            throw notFound(id); // other members' drafts and requests are not theirs to know of
        }
        return applyAndStore(id, stream.version(), decision.apply(r));
    }

    private RecommendationEntity applyAndStore(UUID id, long version, List<TrellisEvent> events) {
        RecommendationEntity e = em.find(RecommendationEntity.class, id);
        if (!events.isEmpty()) {
            store.append(Recommendation.streamId(id), version, events);
            record(e, events);
        }
        return e;
    }

    private void record(RecommendationEntity e, List<TrellisEvent> events) {
        for (TrellisEvent ev : events) {
            e.apply(ev);
            if (ev instanceof RecommendationWritten w) {
                queries.addVersion(w.recommendationId(), e.version, w.relationship(), w.position(), w.text(), w.writtenAt());
            }
        }
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("recommendation-not-found", "no recommendation " + id);
    }
}
