package dev.trackwatch.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * The title of the OpenAPI 3 document that micronaut-openapi generates from the controllers at
 * compile time; it is served at {@code /openapi/trackwatch.yml} with a swagger-ui at {@code /swagger-ui/index.html}.
 */
@OpenAPIDefinition(info = @Info(title = "Trackwatch", version = "v1",
        description = "Data-quality monitor: read API (/api/v1), incidents, silences and config reloads."))
public final class OpenApiDocument {

    private OpenApiDocument() {
    }
}
