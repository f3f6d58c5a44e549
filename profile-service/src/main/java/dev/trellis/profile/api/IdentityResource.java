package dev.trellis.profile.api;

import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.application.MemberService;
import dev.trellis.profile.application.MemberService.Session;
import dev.trellis.profile.store.ProfileEntity;
import dev.trellis.profile.store.ProfileQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Sign-up, log-in, refresh, log-out and password change. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class IdentityResource {
    private final MemberService members;
    private final ProfileQueries queries;
    private final CurrentMember current;

    public IdentityResource(MemberService members, ProfileQueries queries, CurrentMember current) {
        this.members = members;
        this.queries = queries;
        this.current = current;
    }

    public record SignUpRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 10, max = 72, message = "must be 10 to 72 characters") String password,
            @NotBlank @Size(max = 50) String firstName,
            @NotBlank @Size(max = 50) String lastName,
            @Size(max = 220) String headline) {
    }

    public record LogInRequest(@NotBlank String email, @NotBlank String password) {
    }

    public record RefreshRequest(@NotBlank String refreshToken) {
    }

    public record LogOutRequest(String refreshToken) {
    }

    public record PasswordChange(@NotNull String currentPassword,
                                 @NotNull @Size(min = 10, max = 72, message = "must be 10 to 72 characters") String newPassword) {
    }

    /**
     * A session: the bearer token (RS256 JWT, expires after {@code expiresIn} seconds) and the opaque refresh
     * token (single use: {@code POST /sessions/refresh} hands out a new pair).
     */
    public record TokenResponse(UUID memberId, String token, String tokenType, long expiresIn, String refreshToken,
                                long refreshExpiresIn, Views.OwnProfileView profile) {
    }

    private TokenResponse response(Session s, ProfileEntity p, String email) {
        return new TokenResponse(s.memberId(), s.accessToken(), "Bearer", s.expiresIn(), s.refreshToken(),
                s.refreshExpiresIn(), Views.OwnProfileView.of(p, email, queries));
    }

    private TokenResponse response(Session s) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ProfileEntity p = ProfileEntity.findById(s.memberId());
            return response(s, p, members.ownEmail(s.memberId()));
        });
    }

    @POST
    @Path("members")
    @Operation(summary = "Sign up", description = "Creates a member (publishes ProfileCreated) and returns a session.")
    public Response signUp(@Valid @NotNull SignUpRequest req) {
        MemberService.SignedUp s = members.signUp(req.email(), req.password(), req.firstName(), req.lastName(), req.headline());
        return Response.created(URI.create("/profiles/" + s.profile().memberId)).entity(response(s.session())).build();
    }

    @POST
    @Path("sessions")
    @Operation(summary = "Log in", description = "Exchanges e-mail and password for a session. After 5 failures "
            + "for one address within 15 minutes, log-in is refused for 15 minutes (429 login-locked, Retry-After).")
    public TokenResponse logIn(@Valid @NotNull LogInRequest req) {
        return response(members.logIn(req.email(), req.password()));
    }

    @POST
    @Path("sessions/refresh")
    @Operation(summary = "Refresh", description = "Uses up a refresh token for a new bearer token and refresh token. "
            + "A refresh token used twice revokes all of the member's refresh tokens.")
    public TokenResponse refresh(@Valid @NotNull RefreshRequest req) {
        return response(members.refresh(req.refreshToken()));
    }

    @POST
    @Path("sessions/logout")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Log out", description = "Revokes the given refresh token; the bearer token expires on its own.")
    public Response logOut(LogOutRequest req) {
        members.logOut(current.id(), req == null ? null : req.refreshToken());
        return Response.noContent().build();
    }

    @PUT
    @Path("members/me/password")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Change my password", description = "Needs the current password; revokes every refresh token.")
    public Response changePassword(@Valid @NotNull PasswordChange req) {
        members.changePassword(current.id(), req.currentPassword(), req.newPassword());
        return Response.noContent().build();
    }
}
