package dev.trellis.profile.api;

import dev.trellis.platform.api.Page;
import dev.trellis.platform.api.Paging;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.security.CurrentMember;
import dev.trellis.profile.store.ProfileQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Member search by name, company, school and location (trigram indexes), with the degree from the searcher. */
@Path("/search/members")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
@Tag(name = "Search")
public class SearchResource {
    static final int MAX_TERM = 100;

    private final ProfileQueries queries;
    private final CurrentMember current;

    public SearchResource(ProfileQueries queries, CurrentMember current) {
        this.queries = queries;
        this.current = current;
    }

    @GET
    @Operation(summary = "Find members", description = "Every given criterion must match (substring, ignoring case); "
            + "best name match first, then nearest degree. At least one criterion is needed.")
    public Page<Views.MemberCard> search(@QueryParam("q") String q, @QueryParam("company") String company,
                                         @QueryParam("school") String school, @QueryParam("location") String location,
                                         @QueryParam("page") String page, @QueryParam("size") String size) {
        UUID me = current.id();
        int p = Paging.page(page);
        int s = Paging.size(size);
        String nq = term("q", q);
        String nc = term("company", company);
        String ns = term("school", school);
        String nl = term("location", location);
        if (nq == null && nc == null && ns == null && nl == null) {
            throw DomainException.invalid("q", "give at least one of q, company, school, location");
        }
        ProfileQueries.SearchPage r = QuarkusTransaction.requiringNew().call(() -> queries.search(me, nq, nc, ns, nl, p, s));
        return new Page<>(r.rows().stream().map(Views.MemberCard::of).toList(), p, s, r.total());
    }

    private static String term(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String t = dev.trellis.profile.domain.Text.line(name, value.strip().replaceAll("\\s+", " "));
        if (t.length() > MAX_TERM) {
            throw DomainException.invalid(name, "at most " + MAX_TERM + " characters");
        }
        return t;
    }
}
