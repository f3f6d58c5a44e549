package dev.trellis.profile.api;

import dev.trellis.platform.security.AdminAccess;
import dev.trellis.profile.application.MailOutbox;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The dev mailbox: what profile-service mailed to an address. An operator command (admin token), not a member's. */
@Path("/admin/mail")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminMailResource {
    static final int LIMIT = 20;
    private final AdminAccess admin;
    private final MailOutbox mail;

    public AdminMailResource(AdminAccess admin, MailOutbox mail) {
        this.admin = admin;
        this.mail = mail;
    }

    @GET
    @Operation(summary = "Read the dev mailbox of an address", description = "The newest " + LIMIT + " mails of the "
            + "outbox to the address (case and surrounding blanks ignored), newest first: sign-up codes and "
            + "sign-up attempts on a registered address. Requires the " + AdminAccess.HEADER + " header.")
    public List<MailOutbox.Mail> mailTo(@HeaderParam(AdminAccess.HEADER) String token,
                                        @QueryParam("to") @NotBlank @Size(max = 254) String to) {
        admin.require(token);
        return mail.to(to, LIMIT);
    }
}
