package dev.trackwatch.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A body over {@code micronaut.server.max-request-size} is refused with 413 before it is read, in
 * the API's {@link ApiError} shape naming the field {@code body}, so clients such as the CLI print
 * one clear line instead of Micronaut's HAL error.
 */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
public class BodyTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<ApiError>> {

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares the raw HttpRequest
    public HttpResponse<ApiError> handle(HttpRequest request, ContentLengthExceededException exception) {
        return HttpResponse.<ApiError>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                .body(new ApiError("body: " + exception.getMessage() + " (micronaut.server.max-request-size)", "body"));
    }
}
