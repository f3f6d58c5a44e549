package dev.trellis.platform.api;

import dev.trellis.platform.observability.Correlation;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Answers, as problem+json, the requests that Vert.x and Quarkus would otherwise refuse with a bare status and no
 * body, before any resource runs:
 * <ul>
 * <li>a URI longer than {@code trellis.http.max-uri-length} (8 KB): 414 {@code uri-too-long}. The HTTP codec reads
 * request lines of up to {@code quarkus.http.limits.max-initial-line-length} (raised to 64 KB in the shared
 * configuration); beyond that it answers a bare 414 itself;</li>
 * <li>a body whose Content-Length is over {@code quarkus.http.limits.max-body-size} (10 MB): 413
 * {@code body-too-large}, and the connection is closed (the body is not read).</li>
 * </ul>
 * What is not HTTP at all (a control character in a header, raw non-ASCII or braces in the request-target) is
 * refused by the HTTP server below Quarkus with a bare 400 and a closed connection; Quarkus has no hook there.
 */
@ApplicationScoped
public class RequestLimits {
    private final int maxUriLength;
    private final long maxBodyBytes;

    public RequestLimits(@ConfigProperty(name = "trellis.http.max-uri-length", defaultValue = "8192") int maxUriLength,
                         @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<String> maxBody) {
        this.maxUriLength = maxUriLength;
        this.maxBodyBytes = maxBody.map(RequestLimits::bytes).orElse(10_240L * 1024);
    }

    /** "10240K", "10M", "1G" or a number of bytes (Quarkus's memory-size syntax). */
    static long bytes(String size) {
        String s = size.strip().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        char last = s.isEmpty() ? '0' : s.charAt(s.length() - 1);
        switch (last) {
            case 'K' -> unit = 1024L;
            case 'M' -> unit = 1024L * 1024;
            case 'G' -> unit = 1024L * 1024 * 1024;
            case 'T' -> unit = 1024L * 1024 * 1024 * 1024;
            default -> {
            }
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        return Long.parseLong(digits.strip()) * unit;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String uri = ctx.request().uri();
            if (uri != null && uri.length() > maxUriLength) {
                answer(ctx, 414, "URI Too Long", "the request URI is longer than " + maxUriLength + " characters",
                        "uri-too-long");
                return;
            }
            String length = ctx.request().getHeader("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.strip()) > maxBodyBytes) {
                        answer(ctx, 413, "Content Too Large", "the request body is larger than " + maxBodyBytes + " bytes",
                                "body-too-large");
                        return;
                    }
                } catch (NumberFormatException e) {
                    answer(ctx, 400, "Bad Request", "Content-Length is not a number", "malformed-request");
                    return;
                }
            }
            ctx.next();
        });
    }

    private static void answer(RoutingContext ctx, int status, String title, String detail, String reason) {
        Problem p = new Problem(Problem.typeFor(reason), title, status, detail, null, reason, Correlation.newId(), null);
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (status == 413) {
            response.putHeader("Connection", "close"); // the body was not read: the connection cannot carry on
        }
        response.end(Json.encode(p));
    }
}
