package dev.trellis.notification.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One message; {@code seq} orders a conversation. */
@Entity
@Table(name = "message")
public class MessageEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "message_id")
    public UUID messageId;
    @Column(name = "conversation_id")
    public UUID conversationId;
    public UUID sender;
    public UUID recipient;
    public String text;
    @Column(name = "client_message_id")
    public String clientMessageId;
    @Column(name = "sent_at")
    public Instant sentAt;
}
