package dev.trellis.invitation.api;

import dev.trellis.invitation.application.InvitationService;
import dev.trellis.invitation.domain.NoteTemplates;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/invitations/templates")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Invitation note templates")
public class TemplateResource {
    private final InvitationService invitations;
    private final CurrentMember current;

    public TemplateResource(InvitationService invitations, CurrentMember current) {
        this.invitations = invitations;
        this.current = current;
    }

    public record Rendered(String templateId, UUID toMemberId, String note) {
    }

    @GET
    @Operation(summary = "The built-in personal-note templates and their placeholders")
    public List<NoteTemplates.NoteTemplate> list() {
        current.id();
        return NoteTemplates.all();
    }

    @POST
    @Path("{id}/render")
    @Operation(summary = "Fill a template for one recipient, for the member to edit",
            description = "Names come from both profiles; the body gives the other placeholders "
                    + "({\"company\":\"Acme\"}); the recipient's name as you may see it (NameVisibility). "
                    + "422 unfilled-placeholder names what is missing; 400 for a missing or malformed to; "
                    + "404 template-not-found / member-not-found.")
    public Rendered render(@PathParam("id") String id, @QueryParam("to") String toParam, Map<String, String> values) {
        if (toParam == null || toParam.isBlank()) {
            throw DomainException.invalid("to", "the recipient's member id is required");
        }
        UUID to;
        try {
            to = UUID.fromString(toParam.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("to", "must be a member id (uuid)");
        }
        return new Rendered(id, to, invitations.render(current.id(), id, to, values));
    }
}
