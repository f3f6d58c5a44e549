package dev.trellis.platform.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The bearer-token scheme shown in every service's Swagger UI. */
@OpenAPIDefinition(info = @Info(title = "Trellis", version = "0.1.0"))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The token returned by profile-service POST /members or POST /sessions")
public class OpenApiConfig extends Application {
}
