package dev.trellis.profile.application;

import dev.trellis.platform.domain.Clock;
import dev.trellis.profile.store.MailEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * What profile-service mails, kept in the {@code mail_outbox} table: the place an SMTP relay is plugged in. In
 * development and tests the table is the mailbox, read by operators at {@code GET /admin/mail}. The log line of a
 * send names the mail, never its body (which may carry a code).
 */
@ApplicationScoped
public class MailOutbox {
    private static final Logger LOG = Logger.getLogger(MailOutbox.class);
    private final Clock clock;
    private final EmailHasher hasher;

    public MailOutbox(Clock clock, EmailHasher hasher) {
        this.clock = clock;
        this.hasher = hasher;
    }

    /** Queues a mail in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void send(String to, String subject, String body) {
        MailEntity m = new MailEntity();
        m.id = UUID.randomUUID();
        m.toAddress = to;
        m.toKey = hasher.hmac(to);
        m.subject = subject;
        m.body = body;
        m.createdAt = clock.now();
        m.persist();
        LOG.infof("mail %s queued: \"%s\"", m.id, subject);
    }

    /** How many mails went to the address within the last hour. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long sentWithinAnHour(String to) {
        return MailEntity.sentSince(hasher.hmac(to), clock.now().minusSeconds(3600));
    }

    public record Mail(UUID id, String to, String subject, String body, java.time.Instant createdAt) {
    }

    /** The newest mails to an address, newest first (at most {@code limit}). */
    @Transactional
    public List<Mail> to(String address, int limit) {
        return MailEntity.to(hasher.hmac(address), limit).stream()
                .map(m -> new Mail(m.id, m.toAddress, m.subject, m.body, m.createdAt)).toList();
    }
}
