package dev.trellis.profile.api;

import dev.trellis.events.profile.ProfileUpdated.Education;
import dev.trellis.events.profile.ProfileUpdated.Position;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.application.MemberService;
import dev.trellis.profile.application.ProfileService;
import dev.trellis.profile.domain.Member;
import dev.trellis.profile.store.ProfileEntity;
import dev.trellis.profile.store.ProfileQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Profiles: the owner's view and edits, the public view, skills, privacy settings and creator mode. */
@Path("/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Profiles")
public class ProfileResource {
    private final ProfileService profiles;
    private final MemberService members;
    private final ProfileQueries queries;
    private final CurrentMember current;

    public ProfileResource(ProfileService profiles, MemberService members, ProfileQueries queries, CurrentMember current) {
        this.profiles = profiles;
        this.members = members;
        this.queries = queries;
        this.current = current;
    }

    /** A profile edit: an absent (null) field stays as it is; "" clears an optional text; [] clears a list. */
    public record EditRequest(String firstName, String lastName, String headline, String city, String country,
                              String industry, String careerLevel, List<Position> positions,
                              List<Education> education, List<String> interests, List<String> skills) {
    }

    public record SkillRequest(@NotNull String skill) {
    }

    public record PrivacyRequest(String connectionsVisibility, String profileVisibility, Boolean findableByEmail) {
    }

    public record CreatorModeRequest(@NotNull Boolean enabled) {
    }

    private Views.OwnProfileView own(UUID me) {
        return QuarkusTransaction.requiringNew().call(() ->
                Views.OwnProfileView.of(ProfileEntity.findById(me), members.ownEmail(me), queries));
    }

    @GET
    @Path("me")
    @Operation(summary = "My profile", description = "Everything, including my e-mail address and privacy settings.")
    public Views.OwnProfileView me() {
        UUID me = current.id();
        if (QuarkusTransaction.requiringNew().call(() -> ProfileEntity.findById(me)) == null) {
            throw DomainException.notFound("member-not-found", "no member " + me);
        }
        return own(me);
    }

    @PATCH
    @Path("me")
    @Operation(summary = "Edit my profile", description = "Publishes ProfileUpdated (with the changed fields) and "
            + "SkillAdded / SkillRemoved; nothing when nothing changes.")
    public Views.OwnProfileView edit(@NotNull EditRequest req) {
        UUID me = current.id();
        profiles.edit(me, new Member.Edit(req.firstName(), req.lastName(), req.headline(), req.city(), req.country(),
                req.industry(), req.careerLevel(), req.positions(), req.education(), req.interests(), req.skills()));
        return own(me);
    }

    @POST
    @Path("me/skills")
    @Operation(summary = "Add a skill", description = "At most 50, distinct ignoring case; adding a listed skill changes nothing.")
    public Views.OwnProfileView addSkill(@jakarta.validation.Valid @NotNull SkillRequest req) {
        UUID me = current.id();
        profiles.addSkill(me, req.skill());
        return own(me);
    }

    @DELETE
    @Path("me/skills/{skill}")
    @Operation(summary = "Remove a skill")
    public Views.OwnProfileView removeSkill(@PathParam("skill") String skill) {
        UUID me = current.id();
        profiles.removeSkill(me, skill);
        return own(me);
    }

    @GET
    @Path("me/privacy")
    @Operation(summary = "My privacy settings")
    public Views.Privacy privacy() {
        return me().privacy();
    }

    @PUT
    @Path("me/privacy")
    @Operation(summary = "Change my privacy settings", description = "connectionsVisibility EVERYONE | ONLY_ME, "
            + "profileVisibility FULL | NAME_INITIAL (for out-of-network viewers), findableByEmail (contacts import). "
            + "Absent fields stay as they are. Publishes PrivacySettingsChanged.")
    public Views.Privacy changePrivacy(@NotNull PrivacyRequest req) {
        ProfileEntity p = profiles.changePrivacy(current.id(), req.connectionsVisibility(), req.profileVisibility(),
                req.findableByEmail());
        return Views.Privacy.of(p);
    }

    @PUT
    @Path("me/creator-mode")
    @Operation(summary = "Creator mode on or off", description = "On: Follow is the primary action on my profile. Publishes CreatorModeChanged.")
    public Views.OwnProfileView creatorMode(@jakarta.validation.Valid @NotNull CreatorModeRequest req) {
        UUID me = current.id();
        profiles.creatorMode(me, req.enabled());
        return own(me);
    }

    @GET
    @Path("{memberId}")
    @Operation(summary = "A member's profile", description = "The public view, with the degree from me; never an "
            + "e-mail address. Out of my network, a NAME_INITIAL profile shows only the first name and last initial.")
    public Views.ProfileView profile(@PathParam("memberId") UUID memberId) {
        UUID viewer = current.id();
        return QuarkusTransaction.requiringNew().call(() -> {
            ProfileEntity p = ProfileEntity.findById(memberId);
            if (p == null) {
                throw DomainException.notFound("member-not-found", "no member " + memberId);
            }
            return Views.ProfileView.of(p, viewer, queries);
        });
    }
}
