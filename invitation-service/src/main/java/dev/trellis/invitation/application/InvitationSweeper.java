package dev.trellis.invitation.application;

import dev.trellis.invitation.store.InvitationQueries;
import dev.trellis.platform.domain.Clock;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.store.LongSessions;
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
    private final LongSessions sessions;

    public InvitationSweeper(InvitationService invitations, InvitationQueries queries, Clock clock, LongSessions sessions) {
        this.invitations = invitations;
        this.queries = queries;
        this.clock = clock;
        this.sessions = sessions;
    }

    @Scheduled(every = "${trellis.invitation.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    void scheduled() {
        sweep();
    }

    /** One sweep; returns how many events it emitted (0 while another replica sweeps: one sweeps at a time). */
    public int sweep() {
        return sessions.exclusively("invitation-sweep", this::sweepDue).orElse(0);
    }

    private int sweepDue() {
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
