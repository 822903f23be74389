package dev.trackwatch.embedded;

/**
 * A failure of the embedded ClickHouse itself (library missing, data directory locked, engine
 * refused to start), as opposed to a query error, which is a {@link ChdbQueryException}.
 */
public class EmbeddedClickHouseException extends RuntimeException {

    /** Creates an exception with a message meant to be shown to the user as is. */
    public EmbeddedClickHouseException(String message) {
        super(message);
    }

    /** Creates an exception with a message meant to be shown to the user and its cause. */
    public EmbeddedClickHouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
