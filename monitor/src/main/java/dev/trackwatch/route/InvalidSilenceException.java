package dev.trackwatch.route;

/**
 * A silence request that cannot become a silence. The message starts with the field at fault,
 * e.g. {@code comment: a silence needs a comment saying why}.
 */
public final class InvalidSilenceException extends IllegalArgumentException {

    private final String field;

    InvalidSilenceException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** Returns the field at fault: {@code matchers}, {@code startsAt}, {@code endsAt}, {@code duration}, {@code createdBy} or {@code comment}. */
    public String field() {
        return field;
    }
}
