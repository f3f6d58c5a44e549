package dev.trellis.profile.api;

import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.application.AccountClosure;
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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Sign-up, log-in, refresh, log-out, password change and closing the account. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class IdentityResource {
    private final MemberService members;
    private final ProfileQueries queries;
    private final CurrentMember current;
    private final JsonWebToken jwt;

    private final AccountClosure closure;

    public IdentityResource(MemberService members, ProfileQueries queries, CurrentMember current, JsonWebToken jwt,
                            AccountClosure closure) {
        this.members = members;
        this.closure = closure;
        this.queries = queries;
        this.current = current;
        this.jwt = jwt;
    }

    public record SignUpRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 10, max = 72, message = "must be 10 to 72 characters") String password,
            @NotBlank @Size(max = 50) String firstName,
            @NotBlank @Size(max = 50) String lastName,
            @Size(max = 220) String headline) {
    }

    public record VerifyRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 32) String code) {
    }

    /** The one answer of step one of sign-up, whether or not the address is taken. */
    public record SignUpAccepted(String status, String email) {
    }

    public record LogInRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {
    }

    public record LogOutRequest(@Size(max = 512) String refreshToken) {
    }

    public record PasswordChange(@NotNull @Size(max = 1024) String currentPassword,
                                 @NotNull @Size(min = 10, max = 72, message = "must be 10 to 72 characters") String newPassword) {
    }

    /**
     * A session: the bearer token (RS256 JWT with the session id as {@code sid}, expires after {@code expiresIn}
     * seconds) and the opaque refresh token (single use: {@code POST /sessions/refresh} hands out a new pair of
     * the same session).
     */
    public record CloseAccount(@NotNull @Size(max = 1024) String password) {
    }

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

    /** The client's address as the connection shows it (no X-Forwarded-For: a client could set that itself). */
    static String client(HttpServerRequest request) {
        var a = request == null ? null : request.remoteAddress();
        String host = a == null ? null : a.hostAddress();
        return host == null ? "unknown" : host;
    }

    private UUID currentSession() {
        String s = jwt == null ? null : CurrentMember.sessionIdOf(jwt.getClaim(CurrentMember.SESSION_CLAIM));
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @POST
    @Path("members")
    @Operation(summary = "Sign up (step one: a code by mail)", description = "Checks the request and answers 202 "
            + "{\"status\":\"VERIFICATION_SENT\",\"email\":...} whether or not the address is registered, after the "
            + "same work. A free address is mailed a 6-digit code for this request (valid 30 minutes; every request "
            + "has its own), a registered one a mail saying that someone tried to sign up with it, without a code. At "
            + "most 5 mails an hour go to one address. POST /members/verify creates the member.")
    @APIResponse(responseCode = "202", description = "Verification mail sent (also for a registered address)")
    public Response signUp(@Valid @NotNull SignUpRequest req) {
        String address = members.requestSignUp(req.email(), req.password(), req.firstName(), req.lastName(), req.headline());
        return Response.accepted(new SignUpAccepted("VERIFICATION_SENT", address)).build();
    }

    @POST
    @Path("members/verify")
    @Operation(summary = "Sign up (step two: the mailed code)", description = "Creates the member of a pending "
            + "sign-up request the code was mailed for (publishes ProfileCreated) and returns a session (201). A wrong, "
            + "expired or used-up code, or an address without a pending sign-up, answers 422 verification-failed; "
            + "after 5 wrong codes for an address its pending sign-ups are gone.")
    @APIResponse(responseCode = "201", description = "Member created, session returned")
    public Response verify(@Valid @NotNull VerifyRequest req) {
        MemberService.SignedUp s = members.verify(req.email(), req.code());
        return Response.created(URI.create("/profiles/" + s.profile().memberId)).entity(response(s.session())).build();
    }

    @POST
    @Path("sessions")
    @Operation(summary = "Log in", description = "Exchanges e-mail and password for a session. Throttled without "
            + "a lock-out: at most 30 attempts a minute per client address (429 too-many-attempts); per account and "
            + "client address, after 3 failures each further one makes that client wait 2 s, 4 s, 8 s... up to "
            + "15 minutes (429 login-backoff, the password is not checked meanwhile); and once an account had 10 "
            + "failures within a minute, a client that failed on it in that minute waits for the minute to end. "
            + "A client that has not failed (the owner) is always checked. 429s carry Retry-After.")
    public TokenResponse logIn(@Valid @NotNull LogInRequest req, @Context HttpServerRequest request) {
        return response(members.logIn(req.email(), req.password(), client(request)));
    }

    @POST
    @Path("sessions/refresh")
    @Operation(summary = "Refresh", description = "Uses up a refresh token for a new bearer token and refresh token "
            + "of the same session. A refresh token used twice ends every session of the member (AccessRevoked).")
    public TokenResponse refresh(@Valid @NotNull RefreshRequest req) {
        return response(members.refresh(req.refreshToken()));
    }

    @POST
    @Path("sessions/logout")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Log out", description = "Ends the session of the given refresh token (the member's own "
            + "only), or without one the session of the bearer token: its refresh tokens are revoked and "
            + "AccessRevoked makes every service refuse its access tokens.")
    public Response logOut(@Valid LogOutRequest req) {
        members.logOut(current.id(), req == null ? null : req.refreshToken(), currentSession());
        return Response.noContent().build();
    }

    @PUT
    @Path("members/me/password")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Change my password", description = "Needs the current password (a wrong one counts like "
            + "a failed log-in from this client: the same back-off, 429 login-backoff); ends every session of the "
            + "member, this one included (AccessRevoked).")
    public Response changePassword(@Valid @NotNull PasswordChange req, @Context HttpServerRequest request) {
        members.changePassword(current.id(), req.currentPassword(), req.newPassword(), currentSession(), client(request));
        return Response.noContent().build();
    }

    @DELETE
    @Path("members/me")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close my account", description = "Needs the password (a wrong one counts like a failed "
            + "log-in from this client: the same back-off, 429 login-backoff; 403 wrong-password). Ends every "
            + "session, erases the member's encryption key (every personal field of their events, in every event "
            + "store and on every topic, becomes unreadable), deletes what profile-service holds about them and "
            + "publishes AccountClosed, on which every other service forgets them. A crash in between is finished "
            + "on restart. Afterwards the member's tokens and log-ins are refused (401).")
    @APIResponse(responseCode = "204", description = "The account is closed.")
    public Response closeAccount(@Valid @NotNull CloseAccount req, @Context HttpServerRequest request) {
        closure.close(current.id(), req.password(), currentSession(), client(request));
        return Response.noContent().build();
    }
}
