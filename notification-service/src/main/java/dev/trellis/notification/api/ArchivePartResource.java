package dev.trellis.notification.api;

import dev.trellis.platform.export.ArchivePart;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * My part of the data archive: my notifications, my prompts (welcome messages, follow-ups) and my conversations
 * with every message in them (the conversations I am a member of; both sides' messages, as I read them).
 */
@Path("/members/me/archive-part")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Data export")
public class ArchivePartResource extends ArchivePart {
    static final List<Section> SECTIONS = List.of(
            Section.list("notifications", """
                    SELECT notification_id, kind, category, actor, subject_member, note, relationship, context,
                           detail, invitation_id, recommendation_id, introduction_id, reminder, seen, read, created_at
                    FROM notification WHERE recipient = ? ORDER BY created_at DESC, seq DESC"""),
            Section.list("prompts", """
                    SELECT prompt_id, kind, other_member AS member_id, invitation_id, recommendation_id, created_at,
                           expires_at, dismissed_at, done_at
                    FROM prompt WHERE member_id = ? ORDER BY created_at DESC, prompt_id"""),
            Section.list("conversations", """
                    SELECT cm.conversation_id, cm.other_member AS member_id, m.first_name, m.last_name, c.created_at,
                           cm.last_message_at, cm.unread
                    FROM conversation_member cm JOIN conversation c ON c.conversation_id = cm.conversation_id
                    LEFT JOIN member m ON m.member_id = cm.other_member
                    WHERE cm.member_id = ? ORDER BY cm.last_message_at DESC, cm.conversation_id"""),
            Section.list("messages", """
                    SELECT msg.message_id, msg.conversation_id, msg.sender, msg.recipient, msg.text, msg.sent_at
                    FROM conversation_member cm JOIN message msg ON msg.conversation_id = cm.conversation_id
                    WHERE cm.member_id = ? ORDER BY msg.conversation_id, msg.seq"""));

    public ArchivePartResource() {
        super("notification", SECTIONS);
    }
}
