package dev.trellis.platform.api;

import dev.trellis.platform.observability.Correlation;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request line limit, answered as problem+json. The HTTP codec reads request lines of up to
 * {@code quarkus.http.limits.max-initial-line-length} (raised to 64 KB in the shared configuration; beyond that the
 * codec itself answers a bare 414 before any handler runs). Of those, a URI longer than
 * {@code trellis.http.max-uri-length} (8 KB) is answered here, before routing, with a 414 problem
 * {@code uri-too-long}.
 */
@ApplicationScoped
public class RequestLimits {
    private final int maxUriLength;

    public RequestLimits(@ConfigProperty(name = "trellis.http.max-uri-length", defaultValue = "8192") int maxUriLength) {
        this.maxUriLength = maxUriLength;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String uri = ctx.request().uri();
            if (uri != null && uri.length() > maxUriLength) {
                Problem p = new Problem(Problem.typeFor("uri-too-long"), "URI Too Long", 414,
                        "the request URI is longer than " + maxUriLength + " characters", null, "uri-too-long",
                        Correlation.newId(), null);
                ctx.response().setStatusCode(414).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(Json.encode(p));
                return;
            }
            ctx.next();
        });
    }
}
