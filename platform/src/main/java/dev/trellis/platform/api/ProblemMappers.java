package dev.trellis.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.trellis.platform.domain.DomainException;
import dev.trellis.platform.observability.Correlation;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Maps every failure to an RFC 9457 problem+json response: validation 400 naming the field, unknown ids 404,
 * rule violations 409/422 with a machine-readable reason, malformed JSON 400, and 500 only for our own bugs
 * (logged with the correlation id).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response problem(int status, String title, String detail, String reason, UriInfo uri,
                                   List<Problem.FieldError> errors) {
        String instance = uri == null ? null : uri.getPath();
        Problem p = new Problem(Problem.typeFor(reason), title, status, detail, instance, reason,
                Correlation.correlationId(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case RATE_LIMITED -> 429;
            case RULE_VIOLATION -> 422;
        };
        String title = switch (e.kind()) {
            case INVALID -> "Invalid request";
            case UNAUTHENTICATED -> "Unauthorized";
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Forbidden";
            case CONFLICT -> "Conflict";
            case RATE_LIMITED -> "Too many requests";
            case RULE_VIOLATION -> "Refused by a rule";
        };
        List<Problem.FieldError> errors = e.field() == null ? null
                : List.of(new Problem.FieldError(e.field(), e.getMessage().substring(e.field().length() + 2)));
        Response r = problem(status, title, e.getMessage(), e.reason(), uri, errors);
        if (e.retryAt() != null) {
            long seconds = Math.max(1, java.time.Duration.between(java.time.Instant.now(), e.retryAt()).toSeconds());
            r = Response.fromResponse(r).header("Retry-After", seconds).build();
        }
        return r;
    }

    @ServerExceptionMapper(priority = 1)
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return problem(400, "Invalid request", detail, "validation-failed", uri, errors);
    }

    /** The last node of the property path: "request.note" -> "note", "invite.arg0.note" -> "note". */
    private static String field(ConstraintViolation<?> v) {
        String name = null;
        for (Path.Node n : v.getPropertyPath()) {
            if (n.getName() != null) {
                name = n.getName();
            }
        }
        return name == null ? "request" : name;
    }

    /** Overrides quarkus-rest-jackson's own mapper, which answers plain JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    /**
     * Overrides quarkus-rest-jackson's mapper of binding errors (a 500 with no body): a body that cannot be bound to
     * the request record is the client's.
     */
    @ServerExceptionMapper(priority = 1)
    public Response undefinedJson(com.fasterxml.jackson.databind.exc.InvalidDefinitionException e, UriInfo uri) {
        return problem(400, "Invalid request", "the request body does not fit this operation", "malformed-request", uri, null);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, UriInfo uri) {
        String detail = "the request body is not valid JSON";
        List<Problem.FieldError> errors = null;
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining("."));
            String msg = e instanceof InvalidFormatException f
                    ? "cannot read '" + f.getValue() + "' as " + f.getTargetType().getSimpleName()
                    : "has the wrong type";
            detail = field + ": " + msg;
            errors = List.of(new Problem.FieldError(field, msg));
        }
        return problem(400, "Invalid request", detail, "malformed-request", uri, errors);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return problem(401, "Unauthorized", "a valid bearer token is required", "unauthenticated", uri, null);
    }

    @ServerExceptionMapper
    public Response authFailed(AuthenticationFailedException e, UriInfo uri) {
        return problem(401, "Unauthorized", "a valid bearer token is required", "unauthenticated", uri, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Forbidden", "not allowed", "forbidden", uri, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, uri);
        }
        Response r = e.getResponse();
        int status = r.getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String reason = switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> null;
        };
        String title = r.getStatusInfo().getReasonPhrase();
        String detail = e.getMessage() != null && status < 500 ? e.getMessage() : title;
        return problem(status, title, detail, reason, uri, null);
    }

    @ServerExceptionMapper
    public Response bug(Exception e, UriInfo uri) {
        if (dev.trellis.platform.inbox.Inbox.isTransient(e)) {
            LOG.warnf("temporarily unavailable on %s: %s", uri == null ? "?" : uri.getPath(), e.toString());
            return Response.fromResponse(problem(503, "Service unavailable",
                    "a dependency is temporarily unavailable; retry shortly", "temporarily-unavailable", uri, null))
                    .header("Retry-After", "1").build();
        }
        if (unreadableMultipart(e)) {
            return problem(400, "Invalid request", "the multipart body is truncated or malformed", "malformed-request",
                    uri, null);
        }
        if (unstorableText(e)) {
            return problem(400, "Invalid request", "a text contains a character that cannot be stored (such as NUL)",
                    "invalid-character", uri, null);
        }
        LOG.errorf(e, "unexpected failure on %s", uri == null ? "?" : uri.getPath());
        return problem(500, "Internal error", "unexpected failure; quote the correlation id when reporting it",
                "internal-error", uri, null);
    }

    /**
     * A multipart body that ends early or does not parse: RESTEasy Reactive's multipart parser throws an
     * {@link java.io.IOException} ("Connection terminated parsing multipart request") before any resource runs.
     */
    static boolean unreadableMultipart(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                for (StackTraceElement f : t.getStackTrace()) {
                    if (f.getClassName().contains(".multipart.")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * PostgreSQL refuses some characters in text (NUL: SQLSTATE 22021 / 22P05): whatever field carried it, that is
     * the client's input, not a failure of ours. Services that validate their texts answer earlier, naming the field.
     */
    static boolean unstorableText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("22021".equals(sql.getSQLState())
                    || "22P05".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
