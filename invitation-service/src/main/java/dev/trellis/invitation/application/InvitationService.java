package dev.trellis.invitation.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.invitation.InvitationAccepted;
import dev.trellis.events.invitation.InvitationIgnored;
import dev.trellis.events.invitation.InvitationSent;
import dev.trellis.events.invitation.InvitationWithdrawn;
import dev.trellis.invitation.domain.Invitation;
import dev.trellis.invitation.domain.InvitationStatus;
import dev.trellis.invitation.store.InvitationEntity;
import dev.trellis.invitation.store.MemberEntity;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.eventstore.EventStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.exception.ConstraintViolationException;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Use cases: load the stream, let the aggregate decide, append, update the read model — one transaction. */
@ApplicationScoped
public class InvitationService {
    private final EventStore store;
    private final Clock clock;
    private final EntityManager em;
    private final int noteLimit;

    public InvitationService(EventStore store, Clock clock, EntityManager em,
                             @ConfigProperty(name = "trellis.invitation.note-limit") int noteLimit) {
        this.store = store;
        this.clock = clock;
        this.em = em;
        this.noteLimit = noteLimit;
    }

    @Transactional
    public InvitationEntity send(UUID from, UUID to, String note) {
        if (MemberEntity.findById(to) == null) {
            throw DomainException.notFound("member-not-found", "no member " + to);
        }
        UUID id = UUID.randomUUID();
        List<TrellisEvent> events = Invitation.send(id, from, to, note, noteLimit, clock.now());
        if (InvitationEntity.count("fromMember = ?1 and toMember = ?2 and status in ('PENDING', 'IGNORED')", from, to) > 0) {
            throw duplicate();
        }
        store.append(Invitation.streamId(id), 0, events);
        InvitationSent sent = (InvitationSent) events.get(0);
        InvitationEntity v = new InvitationEntity();
        v.invitationId = id;
        v.fromMember = from;
        v.toMember = to;
        v.note = sent.note();
        v.status = InvitationStatus.PENDING.name();
        v.sentAt = sent.sentAt();
        v.version = 1;
        try {
            v.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw duplicate(); // a concurrent send of the same pair won
            }
            throw e;
        }
        return v;
    }

    private static DomainException duplicate() {
        return DomainException.conflict("invitation-already-pending",
                "you already have a pending invitation to this member");
    }

    @Transactional
    public InvitationEntity accept(UUID invitationId, UUID actor) {
        return decide(invitationId, actor, inv -> inv.accept(actor, clock.now()));
    }

    @Transactional
    public InvitationEntity ignore(UUID invitationId, UUID actor) {
        return decide(invitationId, actor, inv -> inv.ignore(actor, clock.now()));
    }

    @Transactional
    public InvitationEntity withdraw(UUID invitationId, UUID actor) {
        return decide(invitationId, actor, inv -> inv.withdraw(actor, clock.now()));
    }

    /** The invitation as {@code viewer} may see it: only its sender and recipient, and not once withdrawn for the recipient. */
    @Transactional
    public InvitationEntity find(UUID invitationId, UUID viewer) {
        InvitationEntity v = InvitationEntity.findById(invitationId);
        if (v == null || !(viewer.equals(v.fromMember) || viewer.equals(v.toMember))
                || (viewer.equals(v.toMember) && InvitationStatus.WITHDRAWN.name().equals(v.status))) {
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
        for (TrellisEvent e : events) {
            if (e instanceof InvitationAccepted a) {
                v.status = InvitationStatus.ACCEPTED.name();
                v.answeredAt = a.acceptedAt();
            } else if (e instanceof InvitationIgnored i) {
                v.status = InvitationStatus.IGNORED.name();
                v.answeredAt = i.ignoredAt();
            } else if (e instanceof InvitationWithdrawn w) {
                v.status = InvitationStatus.WITHDRAWN.name();
                v.answeredAt = w.withdrawnAt();
            }
        }
        v.version = stream.version() + events.size();
        return v;
    }

    private static DomainException notFound(UUID id) {
        return DomainException.notFound("invitation-not-found", "no invitation " + id);
    }
}
