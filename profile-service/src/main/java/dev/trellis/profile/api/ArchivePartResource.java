package dev.trellis.profile.api;

import dev.trellis.platform.export.ArchivePart;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * My part of the data archive: my profile (with my e-mail address), my settings, my groups, whom I follow and who
 * follows me, my sessions and contact imports. Never a password hash, a token hash or an HMAC.
 */
@Path("/members/me/archive-part")
@jakarta.inject.Singleton
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Data export")
public class ArchivePartResource extends ArchivePart {
    static final List<Section> SECTIONS = List.of(
            Section.one("profile", """
                    SELECT p.member_id, c.email, p.first_name, p.last_name, p.headline, p.city, p.country, p.industry,
                           p.career_level, p.positions::jsonb AS positions, p.education::jsonb AS education,
                           p.interests::jsonb AS interests, p.skills::jsonb AS skills, p.creator_mode, p.created_at,
                           p.updated_at
                    FROM profile p LEFT JOIN credential c ON c.member_id = p.member_id WHERE p.member_id = ?"""),
            Section.one("settings", """
                    SELECT connections_visibility, profile_visibility, findable_by_email, creator_mode
                    FROM profile WHERE member_id = ?"""),
            Section.list("groups", """
                    SELECT g.group_id, g.name, g.description, g.owner_id = m.member_id AS owner, m.joined_at
                    FROM group_membership m JOIN member_group g ON g.group_id = m.group_id
                    WHERE m.member_id = ? ORDER BY m.joined_at, g.group_id"""),
            Section.list("following", """
                    SELECT f.followee_id AS member_id, p.first_name, p.last_name, f.followed_at
                    FROM follow f LEFT JOIN profile p ON p.member_id = f.followee_id
                    WHERE f.follower_id = ? ORDER BY f.followed_at DESC, f.followee_id"""),
            Section.list("followers", """
                    SELECT f.follower_id AS member_id, p.first_name, p.last_name, f.followed_at
                    FROM follow f LEFT JOIN profile p ON p.member_id = f.follower_id
                    WHERE f.followee_id = ? ORDER BY f.followed_at DESC, f.follower_id"""),
            Section.list("sessions", """
                    SELECT session_id, min(issued_at) AS started_at, max(expires_at) AS expires_at,
                           bool_and(revoked_at IS NOT NULL) AS ended
                    FROM refresh_token WHERE member_id = ? GROUP BY session_id ORDER BY started_at DESC"""),
            Section.list("contactImports", """
                    SELECT imported_at, addresses FROM contact_import WHERE member_id = ? ORDER BY imported_at DESC"""));

    public ArchivePartResource() {
        super("profile", SECTIONS);
    }
}
