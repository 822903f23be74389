package dev.trackwatch.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of every refusal of the API: what is wrong, and the request field at fault when there is one.
 *
 * @param error the problem, fit to print
 * @param field the request field at fault ({@code by}, {@code comment}, {@code matchers}, ...), or null
 */
@Serdeable
public record ApiError(String error, @Nullable String field) {
}
