package dev.trellis.platform.api;

import dev.trellis.platform.observability.Correlation;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.regex.Pattern;

/**
 * Takes the correlation id from the {@code X-Correlation-ID} request header (or makes one), puts it and the
 * caller's member id (set by CurrentMember) in the logging MDC (so logs and appended events carry them) and echoes it in the response.
 */
public class CorrelationFilter {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @ServerRequestFilter(preMatching = true)
    public void before(ContainerRequestContext ctx) {
        String id = ctx.getHeaderString(Correlation.HEADER);
        if (id == null || !SAFE.matcher(id).matches()) {
            id = Correlation.newId();
        }
        ctx.setProperty(Correlation.CORRELATION_ID, id);
        Correlation.set(id, null, null);
    }

    @ServerResponseFilter
    public void after(ContainerRequestContext req, ContainerResponseContext res) {
        Object id = req.getProperty(Correlation.CORRELATION_ID);
        if (id != null) {
            res.getHeaders().putSingle(Correlation.HEADER, id.toString());
        }
    }
}
