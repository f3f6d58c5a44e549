package dev.trellis.invitation.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.invitation.domain.Invitation;
import dev.trellis.invitation.domain.IntroductionContext;
import dev.trellis.invitation.domain.InvitationPolicy;
import dev.trellis.invitation.domain.NoteTemplates;
import dev.trellis.invitation.domain.PairFacts;
import dev.trellis.invitation.domain.SendFacts;
import dev.trellis.invitation.domain.Standing;
import dev.trellis.invitation.store.InvitationEntity;
import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.invitation.store.MemberEntity;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.domain.NameVisibility;
import dev.trellis.platform.eventstore.ConflictRetry;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Use cases: gather the facts, let the aggregate decide, append, update the read model — one transaction. */
@ApplicationScoped
public class InvitationService {
    private final EventStore store;
    private final Clock clock;
    private final EntityManager em;
    private final InvitationQueries queries;
    private final InvitationPolicy policy;

    public InvitationService(EventStore store, Clock clock, EntityManager em, InvitationQueries queries,
                             InvitationPolicy policy) {
        this.store = store;
        this.clock = clock;
        this.em = em;
        this.queries = queries;
        this.policy = policy;
    }

    /** What a send did: a new invitation, or the recipient's own pending invitation accepted (mutual). */
    public record Outcome(InvitationEntity invitation, boolean mutual) {
    }

    /** What the member asks for; the note is given, or rendered from a template with the given values. */
    public record SendCommand(UUID to, String note, String relationship, String context, String templateId,
                              Map<String, String> templateValues) {
    }

    @Transactional
    public Outcome send(UUID from, SendCommand cmd) {
        queries.lockSender(from);
        Instant now = clock.now();
        if (!from.equals(cmd.to()) && queries.memberExists(cmd.to())) {
            InvitationEntity reverse = queries.open(cmd.to(), from);
            if (reverse != null && !"DECLINED_AS_UNKNOWN".equals(reverse.status)) {
                // they already invited us: accept theirs instead of sending a second one
                Invitation.refuseForPair(pairFacts(from, cmd.to()), policy);
                return new Outcome(decide(reverse.invitationId, from, inv -> inv.acceptMutually(from, now)), true);
            }
        }
        String note = cmd.note();
        String templateId = cmd.templateId() == null || cmd.templateId().isBlank() ? null : cmd.templateId().strip();
        if (templateId != null) {
            if (note != null && !note.isBlank()) {
                throw DomainException.invalid("note", "give either a note or a templateId, not both");
            }
            note = NoteTemplates.render(templateId, templateValues(from, cmd.to(), cmd.templateValues()));
        }
        UUID id = UUID.randomUUID();
        // a mutual connection introduced the sender to the recipient: the invitation says so
        InvitationQueries.Introduction intro = from.equals(cmd.to()) ? null : queries.forwardedIntroduction(from, cmd.to());
        String context = cmd.context();
        if (intro != null) {
            // the introducer's name as the recipient (who reads the context) may see it
            NameVisibility.Shown introducer = NameVisibility.show(intro.firstName(), intro.lastName(),
                    intro.profileVisibility(), degree(cmd.to(), intro.introducerId()));
            context = IntroductionContext.of(cmd.context(), introducer.firstName(), introducer.lastName());
        }
        List<TrellisEvent> events = Invitation.send(new Invitation.Send(id, from, cmd.to(), note, cmd.relationship(),
                context, templateId), facts(from, cmd.to(), now), policy, now);
        store.append(Invitation.streamId(id), 0, events);
        InvitationEntity v = new InvitationEntity();
        events.forEach(v::apply);
        v.introductionId = intro == null ? null : intro.introductionId();
        v.version = events.size();
        v.nextDueAt = Invitation.from(events).nextDue(policy);
        try {
            v.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw DomainException.conflict("invitation-already-pending", "you already have a pending invitation to this member");
            }
            throw e;
        }
        return new Outcome(v, false);
    }

    /** The pair rules' facts only: no standing, no history (an accept needs none of it). */
    private PairFacts pairFacts(UUID from, UUID to) {
        return new PairFacts(queries.blockedEitherWay(from, to), queries.connected(from, to),
                queries.connectionCount(from), queries.connectionCount(to));
    }

    private SendFacts facts(UUID from, UUID to, Instant now) {
        return new SendFacts(queries.memberExists(to), queries.blockedEitherWay(from, to), queries.connected(from, to),
                queries.open(from, to) != null, queries.lastWithdrawn(from, to), queries.declinedAsUnknown(from, to),
                queries.connectionCount(from), queries.connectionCount(to), queries.openSent(from), standing(from, now));
    }

    /** The member's weekly quota and its reasons. */
    @Transactional
    public Standing standing(UUID member) {
        return standing(member, clock.now());
    }

    private Standing standing(UUID member, Instant now) {
        return Standing.compute(queries.history(member, now.minus(Standing.HISTORY), now.minus(Standing.MATURITY)),
                queries.sendsSince(member, now.minus(Standing.WINDOW)), now);
    }

    /** Placeholder values from both profiles, then the member's own values (which may not override names). */
    private Map<String, String> templateValues(UUID from, UUID to, Map<String, String> given) {
        Map<String, String> values = new HashMap<>();
        if (given != null) {
            values.putAll(given);
        }
        MemberEntity sender = MemberEntity.findById(from);
        MemberEntity recipient = MemberEntity.findById(to);
        if (recipient == null) {
            throw DomainException.notFound("member-not-found", "no member " + to);
        }
        // the recipient's name as the sender may see it (NameVisibility: a NAME_INITIAL member out of network is "Olivia T.")
        NameVisibility.Shown shown = NameVisibility.show(recipient.firstName, recipient.lastName,
                recipient.profileVisibility, degree(from, to));
        values.put("recipientFirstName", shown.firstName());
        values.put("recipientLastName", shown.lastName());
        if (sender != null) {
            values.put("senderFirstName", sender.firstName);
            values.put("senderFullName", sender.firstName + " " + sender.lastName);
        } else {
            values.remove("senderFirstName");
            values.remove("senderFullName");
        }
        return values;
    }

    /**
     * The degree NameVisibility needs, as far as this service knows the graph: 0 self, 1 a connection, 3 anyone
     * else (it does not know 2nd degree, so it hides a little more than the graph would, never less).
     */
    public int degree(UUID viewer, UUID member) {
        boolean self = viewer.equals(member);
        return NameVisibility.firstDegreeOnly(self, !self && queries.connected(viewer, member));
    }

    /** The note a template gives for this recipient, for the member to edit before sending. */
    @Transactional
    public String render(UUID from, String templateId, UUID to, Map<String, String> given) {
        NoteTemplates.get(templateId);
        return NoteTemplates.render(templateId, templateValues(from, to, given));
    }

    public InvitationEntity accept(UUID invitationId, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(invitationId, actor, inv -> {
            Invitation.refuseForPair(pairFacts(inv.fromMember(), inv.toMember()), policy);
            return inv.accept(actor, clock.now());
        }));
    }

    public InvitationEntity ignore(UUID invitationId, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(invitationId, actor, inv -> inv.ignore(actor, clock.now())));
    }

    public InvitationEntity declineAsUnknown(UUID invitationId, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(invitationId, actor, inv -> inv.declineAsUnknown(actor, clock.now())));
    }

    public InvitationEntity withdraw(UUID invitationId, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(invitationId, actor, inv -> inv.withdraw(actor, clock.now())));
    }

    /** Reminders and expiry that fell due for one invitation (the sweeper calls this, one transaction each). */
    @Transactional
    public int tick(UUID invitationId) {
        EventStream stream = store.load(Invitation.streamId(invitationId));
        if (stream.isNew()) {
            return 0;
        }
        Invitation inv = Invitation.from(stream.events());
        List<TrellisEvent> events = inv.tick(policy, clock.now());
        InvitationEntity v = em.find(InvitationEntity.class, invitationId);
        if (!events.isEmpty()) {
            store.append(stream.streamId(), stream.version(), events);
            events.forEach(v::apply);
            v.version = stream.version() + events.size();
        }
        v.nextDueAt = inv.record(events).nextDue(policy);
        return events.size();
    }

    /** The invitation as {@code viewer} may see it: its sender, or its recipient while it is theirs to see. */
    @Transactional
    public InvitationEntity find(UUID invitationId, UUID viewer) {
        InvitationEntity v = InvitationEntity.findById(invitationId);
        if (v == null || !(viewer.equals(v.fromMember) || viewer.equals(v.toMember))
                || (viewer.equals(v.toMember) && ("WITHDRAWN".equals(v.status) || "EXPIRED".equals(v.status)))) {
            throw notFound(invitationId);
        }
        return v;
    }

    private InvitationEntity decide(UUID invitationId, UUID actor, Function<Invitation, List<TrellisEvent>> decision) {
        EventStream stream = store.load(Invitation.streamId(invitationId));
        if (stream.isNew()) {
            throw notFound(invitationId);
        }
        Invitation inv = Invitation.from(stream.events());
        if (!actor.equals(inv.fromMember()) && !actor.equals(inv.toMember())) {
            throw notFound(invitationId); // do not reveal other members' invitations
        }
        List<TrellisEvent> events = decision.apply(inv);
        store.append(stream.streamId(), stream.version(), events);
        InvitationEntity v = em.find(InvitationEntity.class, invitationId);
        events.forEach(v::apply);
        v.version = stream.version() + events.size();
        v.nextDueAt = inv.record(events).nextDue(policy);
        return v;
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("invitation-not-found", "no invitation " + id);
    }
}
