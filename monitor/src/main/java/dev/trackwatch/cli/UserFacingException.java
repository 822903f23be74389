package dev.trackwatch.cli;

/** A command-line failure whose message is printed as is, without a stack trace. */
public class UserFacingException extends RuntimeException {

    /** Creates the exception with the sentence to show the user. */
    public UserFacingException(String message) {
        super(message);
    }
}
