package dev.trellis.invitation.application;

import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Time passing: emits the reminders that fell due and expires invitations nobody answered. Each invitation is
 * decided in its own transaction by its aggregate; a member answering at the same moment wins or loses on the
 * stream version like any other writer (the loser retries next sweep, or gets 409).
 */
@ApplicationScoped
public class InvitationSweeper {
    private static final Logger LOG = Logger.getLogger(InvitationSweeper.class);
    private final InvitationService invitations;
    private final InvitationQueries queries;
    private final Clock clock;

    public InvitationSweeper(InvitationService invitations, InvitationQueries queries, Clock clock) {
        this.invitations = invitations;
        this.queries = queries;
        this.clock = clock;
    }

    @Scheduled(every = "${trellis.invitation.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    void scheduled() {
        sweep();
    }

    /** One sweep; returns how many events it emitted. */
    public int sweep() {
        int emitted = 0;
        while (true) {
            List<UUID> due = QuarkusTransaction.requiringNew().call(() -> queries.due(clock.now(), 200));
            if (due.isEmpty()) {
                return emitted;
            }
            int before = emitted;
            for (UUID id : due) {
                try {
                    emitted += invitations.tick(id);
                } catch (DomainException e) {
                    LOG.debugf("invitation %s changed while sweeping (%s); next sweep", id, e.reason());
                }
            }
            if (emitted == before) {
                return emitted; // nothing moved (what stays due failed to decide): do not spin
            }
        }
    }
}
