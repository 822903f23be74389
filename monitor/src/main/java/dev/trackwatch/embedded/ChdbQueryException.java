package dev.trackwatch.embedded;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query rejected by the engine, carrying ClickHouse's numeric error code and its text
 * ({@code Code: 60. DB::Exception: ...}) exactly as a ClickHouse server would report it.
 */
public final class ChdbQueryException extends RuntimeException {

    /** ClickHouse error codes the endpoint produces itself. */
    public static final int UNKNOWN_SETTING = 115;
    public static final int SYNTAX_ERROR = 62;
    public static final int UNKNOWN_TABLE = 60;
    public static final int TIMEOUT_EXCEEDED = 159;
    public static final int READONLY = 164;
    public static final int UNKNOWN_DATABASE = 81;
    public static final int BAD_ARGUMENTS = 36;
    public static final int AUTHENTICATION_FAILED = 516;
    public static final int CANNOT_DECOMPRESS = 271;
    public static final int UNKNOWN_EXCEPTION = 1002;

    private static final Pattern CODE = Pattern.compile("^\\s*Code:\\s*(\\d+)\\.");

    private final int code;

    /** Creates an exception with an explicit code; the message is prefixed the way ClickHouse does. */
    public ChdbQueryException(int code, String message) {
        super(message.startsWith("Code: ") ? message : "Code: " + code + ". DB::Exception: " + message);
        this.code = code;
    }

    /** Parses the engine's error text, which starts with {@code Code: N.} when the engine raised it. */
    public static ChdbQueryException fromEngineText(String text) {
        String trimmed = text.strip();
        Matcher m = CODE.matcher(trimmed);
        int code = m.find() ? Integer.parseInt(m.group(1)) : UNKNOWN_EXCEPTION;
        return new ChdbQueryException(code, trimmed);
    }

    /** Returns the ClickHouse error code, e.g. 60 for an unknown table. */
    public int code() {
        return code;
    }
}
