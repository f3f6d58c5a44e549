package dev.trellis.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem details body, with Trellis extensions: a machine-readable reason and the correlation id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String reason,
                      String correlationId, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static String typeFor(String reason) {
        return reason == null ? "about:blank" : "https://trellis.dev/problems/" + reason;
    }
}
