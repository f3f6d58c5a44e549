package dev.trellis.notification.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The conversation of a member pair ({@code memberA} the smaller id). */
@Entity
@Table(name = "conversation")
public class ConversationEntity extends PanacheEntityBase {
    @Id
    @Column(name = "conversation_id")
    public UUID conversationId;
    @Column(name = "member_a")
    public UUID memberA;
    @Column(name = "member_b")
    public UUID memberB;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_message_at")
    public Instant lastMessageAt;
    /** Messages so far: the stream version of the conversation's MessageSent events. */
    public long version;

    public UUID other(UUID member) {
        return member.equals(memberA) ? memberB : memberA;
    }

    public boolean has(UUID member) {
        return member.equals(memberA) || member.equals(memberB);
    }
}
