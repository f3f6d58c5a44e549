package dev.trellis.invitation.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.AccountClosed;
import dev.trellis.invitation.domain.Invitation;
import dev.trellis.invitation.domain.IntroductionContext;
import dev.trellis.invitation.domain.InvitationPolicy;
import dev.trellis.invitation.domain.NoteTemplates;
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
    private final InvitationQueries queries;
    private final InvitationPolicy policy;

    public InvitationService(EventStore store, Clock clock, InvitationQueries queries,
                             InvitationPolicy policy) {
        this.store = store;
        this.clock = clock;
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

    /**
     * Sending: the sender's lock, then every fact the rules need in one statement (InvitationQueries.sendFacts),
     * then the aggregate decides; the invitation's events and its read-model row are written.
     */
    @Transactional
    public Outcome send(UUID from, SendCommand cmd) {
        queries.lockSender(from);
        Instant now = clock.now();
        UUID to = cmd.to();
        boolean self = from.equals(to);
        InvitationQueries.SendRow facts = queries.sendFacts(from, to, now.minus(Standing.HISTORY),
                now.minus(Standing.MATURITY), now.minus(Standing.WINDOW));
        if (!self && facts.recipientExists() && facts.reverseId() != null
                && !"DECLINED_AS_UNKNOWN".equals(facts.reverseStatus())) {
            // they already invited us: accept theirs instead of sending a second one
            Invitation.refuseForPair(facts.pair(), policy);
            return new Outcome(decide(facts.reverseId(), from, inv -> inv.acceptMutually(from, now)), true);
        }
        String note = cmd.note();
        String templateId = cmd.templateId() == null || cmd.templateId().isBlank() ? null : cmd.templateId().strip();
        if (templateId != null) {
            if (note != null && !note.isBlank()) {
                throw DomainException.invalid("note", "give either a note or a templateId, not both");
            }
            note = NoteTemplates.render(templateId, templateValues(facts.sender(), facts.recipient(), to,
                    NameVisibility.firstDegreeOnly(self, !self && facts.pair().alreadyConnected()), cmd.templateValues()));
        }
        UUID id = UUID.randomUUID();
        // a mutual connection introduced the sender to the recipient: the invitation says so
        InvitationQueries.Introduction intro = self ? null : facts.introduction();
        String context = cmd.context();
        if (intro != null) {
            // the introducer's name as the recipient (who reads the context) may see it
            boolean introducerIsRecipient = to.equals(intro.introducerId());
            NameVisibility.Shown introducer = NameVisibility.show(intro.firstName(), intro.lastName(),
                    intro.profileVisibility(), NameVisibility.firstDegreeOnly(introducerIsRecipient,
                            !introducerIsRecipient && facts.recipientKnowsIntroducer()));
            context = IntroductionContext.of(cmd.context(), introducer.firstName(), introducer.lastName());
        }
        SendFacts sendFacts = new SendFacts(facts.recipientExists(), facts.pair().blockedEitherWay(),
                facts.pair().alreadyConnected(), facts.openFromSender(), facts.lastWithdrawnAt(), facts.declinedAsUnknown(),
                facts.pair().senderConnections(), facts.pair().recipientConnections(), facts.openSent(),
                Standing.compute(facts.history(), facts.recentSends(), now));
        List<TrellisEvent> events = Invitation.send(new Invitation.Send(id, from, to, note, cmd.relationship(),
                context, templateId), sendFacts, policy, now);
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

    /** The member's weekly quota and its reasons. */
    @Transactional
    public Standing standing(UUID member) {
        return standing(member, clock.now());
    }

    private Standing standing(UUID member, Instant now) {
        return Standing.compute(queries.history(member, now.minus(Standing.HISTORY), now.minus(Standing.MATURITY)),
                queries.sendsSince(member, now.minus(Standing.WINDOW)), now);
    }

    /**
     * Placeholder values from both profiles, then the member's own values (which may not override names);
     * {@code degree}: the recipient's degree from the sender, for NameVisibility.
     */
    private static Map<String, String> templateValues(InvitationQueries.Member sender, InvitationQueries.Member recipient,
                                                      UUID to, int degree, Map<String, String> given) {
        Map<String, String> values = new HashMap<>();
        if (given != null) {
            values.putAll(given);
        }
        if (recipient == null) {
            throw DomainException.notFound("member-not-found", "no member " + to);
        }
        // the recipient's name as the sender may see it (NameVisibility: a NAME_INITIAL member out of network is "Olivia T.")
        NameVisibility.Shown shown = NameVisibility.show(recipient.firstName(), recipient.lastName(),
                recipient.profileVisibility(), degree);
        values.put("recipientFirstName", shown.firstName());
        values.put("recipientLastName", shown.lastName());
        if (sender != null) {
            values.put("senderFirstName", sender.firstName());
            values.put("senderFullName", sender.firstName() + " " + sender.lastName());
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

    private static InvitationQueries.Member member(UUID id) {
        MemberEntity m = MemberEntity.findById(id);
        return m == null ? null : new InvitationQueries.Member(m.firstName, m.lastName, m.profileVisibility);
    }

    /** The note a template gives for this recipient, for the member to edit before sending. */
    @Transactional
    public String render(UUID from, String templateId, UUID to, Map<String, String> given) {
        NoteTemplates.get(templateId);
        return NoteTemplates.render(templateId, templateValues(member(from), member(to), to, degree(from, to), given));
    }

    public InvitationEntity accept(UUID invitationId, UUID actor) {
        return ConflictRetry.inNewTransaction(() -> decide(invitationId, actor, inv -> {
            // the pair rules' facts only (one statement): no standing, no history (an accept needs none of it)
            Invitation.refuseForPair(queries.pairFacts(inv.fromMember(), inv.toMember()), policy);
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

    /**
     * From the profile consumer, inside its transaction: the member closed their account. Every open invitation from
     * or to them is withdrawn through the aggregate (InvitationWithdrawn on its stream and topic; the recipient's
     * copy disappears, notification-service takes the invitation back), then the read model forgets them. A second
     * closure finds nothing open and nothing left.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onAccountClosed(AccountClosed closed) {
        UUID member = closed.memberId();
        for (UUID invitationId : queries.openInvolving(member)) {
            decide(invitationId, member, inv -> inv.closeAccount(member, closed.closedAt()));
        }
        queries.forget(member, closed.closedAt(), IntroductionContext.PREFIX, IntroductionContext.UNNAMED);
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
        store.append(stream.streamId(), stream.version(), events);
        queries.recordState(invitationId, stream.events(), events, stream.version() + events.size(),
                inv.record(events).nextDue(policy));
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
        // the row follows from the stream: one UPDATE, no read of it first
        return queries.recordState(invitationId, stream.events(), events, stream.version() + events.size(),
                inv.record(events).nextDue(policy));
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("invitation-not-found", "no invitation " + id);
    }
}
