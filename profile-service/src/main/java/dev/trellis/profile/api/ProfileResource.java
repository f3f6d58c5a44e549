package dev.trellis.profile.api;

import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.application.MemberService;
import dev.trellis.profile.application.TokenIssuer;
import dev.trellis.profile.store.ProfileEntity;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
public class ProfileResource {
    private final MemberService members;
    private final TokenIssuer tokens;
    private final CurrentMember current;

    public ProfileResource(MemberService members, TokenIssuer tokens, CurrentMember current) {
        this.members = members;
        this.tokens = tokens;
        this.current = current;
    }

    public record SignUpRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
            @NotBlank @Size(max = 50) String firstName,
            @NotBlank @Size(max = 50) String lastName,
            @Size(max = 220) String headline) {
    }

    public record LogInRequest(@NotBlank String email, @NotBlank String password) {
    }

    public record ProfileView(UUID memberId, String firstName, String lastName, String headline, Instant memberSince) {
        static ProfileView of(ProfileEntity p) {
            return new ProfileView(p.memberId, p.firstName, p.lastName, p.headline, p.createdAt);
        }
    }

    public record TokenResponse(UUID memberId, String token, String tokenType, long expiresIn, ProfileView profile) {
    }

    @POST
    @Path("members")
    @Operation(summary = "Sign up", description = "Creates a member (publishes ProfileCreated) and returns a bearer token.")
    public Response signUp(@Valid @NotNull SignUpRequest req) {
        ProfileEntity p = members.signUp(req.email(), req.password(), req.firstName(), req.lastName(), req.headline());
        return Response.created(URI.create("/profiles/" + p.memberId))
                .entity(new TokenResponse(p.memberId, tokens.issue(p.memberId), "Bearer", tokens.lifetimeSeconds(),
                        ProfileView.of(p)))
                .build();
    }

    @POST
    @Path("sessions")
    @Operation(summary = "Log in", description = "Exchanges e-mail and password for a bearer token.")
    public TokenResponse logIn(@Valid @NotNull LogInRequest req) {
        UUID id = members.logIn(req.email(), req.password());
        ProfileEntity p = ProfileEntity.findById(id);
        return new TokenResponse(id, tokens.issue(id), "Bearer", tokens.lifetimeSeconds(), ProfileView.of(p));
    }

    @GET
    @Path("profiles/me")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "My profile")
    public ProfileView me() {
        return profile(current.id());
    }

    @GET
    @Path("profiles/{memberId}")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "A member's profile")
    public ProfileView profile(@PathParam("memberId") UUID memberId) {
        ProfileEntity p = ProfileEntity.findById(memberId);
        if (p == null) {
            throw DomainException.notFound("member-not-found", "no member " + memberId);
        }
        return ProfileView.of(p);
    }
}
