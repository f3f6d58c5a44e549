package dev.trellis.profile.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A mail of the outbox (the dev mailbox; an SMTP relay would send from here). */
@Entity
@Table(name = "mail_outbox")
public class MailEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "to_address")
    public String toAddress;
    /** HMAC of the normalised address: what the mailbox is looked up and rate-limited by. */
    @Column(name = "to_key")
    public String toKey;
    public String subject;
    public String body;
    @Column(name = "created_at")
    public Instant createdAt;

    /** The newest mails to an address, newest first. */
    public static List<MailEntity> to(String toKey, int limit) {
        return find("toKey = ?1 ORDER BY createdAt DESC, id", toKey).page(0, limit).list();
    }

    public static long sentSince(String toKey, Instant since) {
        return count("toKey = ?1 AND createdAt > ?2", toKey, since);
    }
}
