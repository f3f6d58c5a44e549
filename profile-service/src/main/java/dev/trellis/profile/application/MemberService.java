package dev.trellis.profile.application;

import dev.trellis.events.TrellisEvent;
import dev.trellis.events.profile.ProfileCreated;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.eventstore.EventStore;
import dev.trellis.platform.observability.Correlation;
import dev.trellis.profile.domain.Member;
import dev.trellis.profile.store.CredentialEntity;
import dev.trellis.profile.store.ProfileEntity;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;
import jakarta.persistence.PersistenceException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sign-up and log-in. */
@ApplicationScoped
public class MemberService {
    private final EventStore store;

    public MemberService(EventStore store) {
        this.store = store;
    }

    @Transactional
    public ProfileEntity signUp(String email, String password, String firstName, String lastName, String headline) {
        if (CredentialEntity.byEmail(email).isPresent()) {
            throw DomainException.conflict("email-taken", "an account with this e-mail address already exists");
        }
        UUID id = UUID.randomUUID();
        Correlation.set(Correlation.correlationId(), null, id.toString());
        List<TrellisEvent> events = Member.signUp(id, firstName, lastName, headline, Instant.now());
        CredentialEntity c = new CredentialEntity();
        c.memberId = id;
        c.email = email.strip();
        c.passwordHash = BcryptUtil.bcryptHash(password);
        try {
            c.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw DomainException.conflict("email-taken", "an account with this e-mail address already exists");
            }
            throw e;
        }
        store.append(Member.streamId(id), 0, events);
        ProfileCreated created = (ProfileCreated) events.get(0);
        ProfileEntity p = new ProfileEntity();
        p.memberId = id;
        p.firstName = created.firstName();
        p.lastName = created.lastName();
        p.headline = created.headline();
        p.createdAt = created.createdAt();
        p.persist();
        return p;
    }

    /** The member id for valid credentials; the same 401 whether the e-mail or the password is wrong. */
    @Transactional
    public UUID logIn(String email, String password) {
        return CredentialEntity.byEmail(email.strip())
                .filter(c -> BcryptUtil.matches(password, c.passwordHash))
                .map(c -> c.memberId)
                .orElseThrow(() -> DomainException.unauthenticated("bad-credentials", "wrong e-mail or password"));
    }
}
