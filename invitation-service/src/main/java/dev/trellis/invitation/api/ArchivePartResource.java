package dev.trellis.invitation.api;

import dev.trellis.platform.export.ArchivePart;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * My part of the data archive: the invitations I sent (as I see them: one the recipient ignored or declined is
 * pending to me, without its answer time) and received (not the ones the sender withdrew: those are gone from my
 * view), with their notes, and the introductions forwarded to me or by me or for me.
 */
@Path("/members/me/archive-part")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Data export")
public class ArchivePartResource extends ArchivePart {
    static final List<Section> SECTIONS = List.of(
            Section.list("invitationsSent", """
                    SELECT i.invitation_id, i.to_member AS member_id, m.first_name, m.last_name, i.note,
                           i.relationship, i.context,
                           CASE WHEN i.status IN ('IGNORED', 'DECLINED_AS_UNKNOWN') THEN 'PENDING' ELSE i.status END
                               AS status,
                           i.sent_at,
                           CASE WHEN i.status IN ('IGNORED', 'DECLINED_AS_UNKNOWN') THEN NULL ELSE i.answered_at END
                               AS answered_at,
                           i.expires_at, i.introduction_id
                    FROM invitation i LEFT JOIN member m ON m.member_id = i.to_member
                    WHERE i.from_member = ? ORDER BY i.sent_at DESC, i.invitation_id"""),
            Section.list("invitationsReceived", """
                    SELECT i.invitation_id, i.from_member AS member_id, m.first_name, m.last_name, i.note,
                           i.relationship, i.context, i.status, i.sent_at, i.answered_at, i.expires_at,
                           i.introduction_id
                    FROM invitation i LEFT JOIN member m ON m.member_id = i.from_member
                    WHERE i.to_member = ? AND i.status <> 'WITHDRAWN' ORDER BY i.sent_at DESC, i.invitation_id"""),
            Section.list("introductions", """
                    SELECT introduction_id, requester_id, introducer_id, target_id, note, forwarded_at
                    FROM introduction WHERE ? IN (requester_id, introducer_id, target_id)
                    ORDER BY forwarded_at DESC, introduction_id"""));

    public ArchivePartResource() {
        super("invitation", SECTIONS);
    }
}
