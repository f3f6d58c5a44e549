package dev.trellis.recommendation.api;

import dev.trellis.platform.export.ArchivePart;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * My part of the data archive: the recommendations I gave (as the author sees them: without the recipient's
 * hide flag) and received (all but withdrawn ones, with every version), the endorsements I gave (without the
 * endorsed member's hide flag) and received, and the introductions I asked for or was asked to make.
 */
@Path("/members/me/archive-part")
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Data export")
public class ArchivePartResource extends ArchivePart {
    static final List<Section> SECTIONS = List.of(
            Section.list("recommendationsGiven", """
                    SELECT r.recommendation_id, r.recipient_id AS member_id, p.first_name, p.last_name, r.status,
                           r.relationship, r.position, r.text, r.request_message, r.revision_message,
                           r.requested_at, r.written_at, r.accepted_at, r.closed_at, r.updated_at
                    FROM recommendation r LEFT JOIN member_profile p ON p.member_id = r.recipient_id
                    WHERE r.author_id = ? ORDER BY r.updated_at DESC, r.recommendation_id"""),
            Section.list("recommendationsReceived", """
                    SELECT r.recommendation_id, r.author_id AS member_id, p.first_name, p.last_name, r.status,
                           r.hidden, r.relationship, r.position, r.text, r.request_message, r.revision_message,
                           r.requested_at, r.written_at, r.accepted_at, r.closed_at, r.updated_at,
                           (SELECT coalesce(jsonb_agg(jsonb_build_object('version', v.version, 'relationship',
                                   v.relationship, 'position', v.position, 'text', v.text, 'writtenAt', v.written_at)
                                   ORDER BY v.version), '[]'::jsonb)
                            FROM recommendation_version v WHERE v.recommendation_id = r.recommendation_id) AS versions
                    FROM recommendation r LEFT JOIN member_profile p ON p.member_id = r.author_id
                    WHERE r.recipient_id = ? AND r.status <> 'WITHDRAWN'
                    ORDER BY r.updated_at DESC, r.recommendation_id"""),
            Section.list("endorsementsGiven", """
                    SELECT e.endorsement_id, e.member_id, p.first_name, p.last_name, e.skill,
                           CASE WHEN e.status = 'HIDDEN' THEN 'ACTIVE' ELSE e.status END AS status, e.endorsed_at
                    FROM endorsement e LEFT JOIN member_profile p ON p.member_id = e.member_id
                    WHERE e.endorser_id = ? ORDER BY e.endorsed_at DESC, e.endorsement_id"""),
            Section.list("endorsementsReceived", """
                    SELECT e.endorsement_id, e.endorser_id AS member_id, p.first_name, p.last_name, e.skill,
                           e.status, e.endorsed_at, e.updated_at
                    FROM endorsement e LEFT JOIN member_profile p ON p.member_id = e.endorser_id
                    WHERE e.member_id = ? ORDER BY e.endorsed_at DESC, e.endorsement_id"""),
            Section.list("introductions", """
                    SELECT introduction_id, requester_id, introducer_id, target_id, note, status, requested_at,
                           decided_at
                    FROM introduction WHERE ? IN (requester_id, introducer_id)
                    ORDER BY requested_at DESC, introduction_id"""));

    public ArchivePartResource() {
        super("recommendation", SECTIONS);
    }
}
