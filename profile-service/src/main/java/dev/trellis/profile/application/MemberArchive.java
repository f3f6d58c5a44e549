package dev.trellis.profile.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The other four services' parts of a member's data archive: {@code GET <service>/members/me/archive-part} with
 * the caller's bearer token, all four at once. {@link #open} returns only when every one answered 200 (their bodies
 * still to be read, as streams): if one does not, none is used and the archive is refused as a whole.
 */
@ApplicationScoped
public class MemberArchive {
    private static final Logger LOG = Logger.getLogger(MemberArchive.class);
    /** The remote services, in the order their files go into the zip, and each file's name. */
    public static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("invitation", "invitations.json");
        FILES.put("connection", "connections.json");
        FILES.put("recommendation", "recommendations.json");
        FILES.put("notification", "notifications.json");
    }

    private final Config config;
    private final Duration timeout;
    private final HttpClient http;

    public MemberArchive(Config config,
                         @ConfigProperty(name = "trellis.archive.timeout", defaultValue = "PT30S") Duration timeout) {
        this.config = config;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One service's part, open: its zip file name and its body, to be read once and closed. */
    public record Part(String service, String file, InputStream body) {
    }

    /** Why an archive cannot be made now: the services that did not answer 200, and how each failed. */
    public static final class Unavailable extends Exception {
        private final List<String> services;

        Unavailable(List<String> services, String detail) {
            super(detail);
            this.services = services;
        }

        public List<String> services() {
            return services;
        }
    }

    /** The base URL of a service ({@code trellis.services.<name>.url}). */
    URI url(String service) {
        String base = config.getValue("trellis.services." + service + ".url", String.class);
        return URI.create(base.replaceAll("/+$", "") + "/members/me/archive-part");
    }

    /** Asks the four services at once with {@code authorization} (the caller's "Bearer ..." header). */
    public List<Part> open(String authorization) throws Unavailable {
        Map<String, CompletableFuture<HttpResponse<InputStream>>> asked = new LinkedHashMap<>();
        for (String service : FILES.keySet()) {
            HttpRequest request = HttpRequest.newBuilder(url(service)).timeout(timeout)
                    .header("Authorization", authorization).header("Accept", "application/json").GET().build();
            asked.put(service, http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<Part> parts = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var e : asked.entrySet()) {
            try {
                HttpResponse<InputStream> r = e.getValue().get(
                        Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (r.statusCode() == 200) {
                    parts.add(new Part(e.getKey(), FILES.get(e.getKey()), r.body()));
                } else {
                    r.body().close();
                    failed.add(e.getKey());
                    why.append(e.getKey()).append(" answered ").append(r.statusCode()).append("; ");
                }
            } catch (ExecutionException | TimeoutException | IOException x) {
                e.getValue().cancel(true);
                failed.add(e.getKey());
                Throwable cause = x instanceof ExecutionException && x.getCause() != null ? x.getCause() : x;
                why.append(e.getKey()).append(" did not answer (").append(cause.getClass().getSimpleName()).append("); ");
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                failed.add(e.getKey());
            }
        }
        if (!failed.isEmpty()) {
            close(parts);
            LOG.warnf("member archive refused: %s", why);
            throw new Unavailable(failed, why.toString().replaceAll("; $", ""));
        }
        return parts;
    }

    /** Closes every part's body (after use, or when the archive is given up). */
    public static void close(List<Part> parts) {
        for (Part p : parts) {
            try {
                p.body().close();
            } catch (IOException ignored) {
                // the connection goes either way
            }
        }
    }
}
