package dev.trellis.connection.api;

import dev.trellis.platform.export.ArchivePart;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** My part of the data archive: my connections (with my tags, VIP pins, how we know each other) and my blocks. */
@Path("/members/me/archive-part")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Connections")
public class ArchivePartResource extends ArchivePart {
    static final List<Section> SECTIONS = List.of(
            Section.list("connections", """
                    SELECT c.other_id AS member_id, m.first_name, m.last_name, m.headline, m.current_company AS company,
                           m.current_title AS position, c.connected_at, i.relationship, i.context,
                           ARRAY(SELECT t.tag FROM connection_tag t WHERE t.member_id = c.member_id
                                 AND t.other_id = c.other_id ORDER BY t.tag) AS tags,
                           v.rank IS NOT NULL AS vip, v.rank AS vip_rank
                    FROM connection c
                    LEFT JOIN member m ON m.member_id = c.other_id
                    LEFT JOIN vip_pin v ON v.member_id = c.member_id AND v.other_id = c.other_id
                    LEFT JOIN invitation_pair i ON i.invitation_id = c.invitation_id
                    WHERE c.member_id = ? ORDER BY c.connected_at DESC, c.other_id"""),
            Section.list("blocks", """
                    SELECT b.blocked_id AS member_id, m.first_name, m.last_name, b.blocked_at FROM member_block b
                    LEFT JOIN member m ON m.member_id = b.blocked_id WHERE b.blocker_id = ?
                    ORDER BY b.blocked_at DESC, b.blocked_id"""),
            Section.list("peopleYouMayKnowDismissals", """
                    SELECT dismissed_id AS member_id, reason, dismissed_at FROM pymk_dismissal WHERE member_id = ?
                    ORDER BY dismissed_at DESC, dismissed_id"""));

    public ArchivePartResource() {
        super("connection", SECTIONS);
    }
}
