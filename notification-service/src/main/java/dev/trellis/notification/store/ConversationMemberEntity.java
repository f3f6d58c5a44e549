package dev.trellis.notification.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One member's side of a conversation: the unread count. */
@Entity
@Table(name = "conversation_member")
@IdClass(ConversationMemberEntity.Key.class)
public class ConversationMemberEntity extends PanacheEntityBase {
    @Id
    @Column(name = "conversation_id")
    public UUID conversationId;
    @Id
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "other_member")
    public UUID otherMember;
    public int unread;
    @Column(name = "last_message_at")
    public Instant lastMessageAt;

    public static class Key implements Serializable {
        public UUID conversationId;
        public UUID memberId;

        public Key() {
        }

        public Key(UUID conversationId, UUID memberId) {
            this.conversationId = conversationId;
            this.memberId = memberId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(conversationId, k.conversationId) && Objects.equals(memberId, k.memberId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(conversationId, memberId);
        }
    }
}
