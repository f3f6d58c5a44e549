package dev.trellis.events.notification;

import dev.trellis.events.TrellisEvent;

import java.time.Instant;
import java.util.UUID;

/** A member sent a message to a 1st-degree connection. The text is private and never published. Key: conversationId (one conversation per member pair). */
public record MessageSent(UUID messageId, UUID conversationId, UUID senderId, UUID recipientId, Instant sentAt) implements TrellisEvent {
    @Override
    public String subject() {
        return conversationId.toString();
    }
}
