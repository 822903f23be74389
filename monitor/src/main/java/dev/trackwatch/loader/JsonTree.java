package dev.trackwatch.loader;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.Problems;
import dev.trackwatch.config.SourceLocation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as a small tree whose every value and key knows its line and column, built
 * from Jackson's streaming parser. Jackson's own tree model drops locations, and tracking-plan
 * errors must point at the keyword that is wrong.
 */
final class JsonTree {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonTree() {
    }

    /** A JSON value and where it starts. */
    sealed interface Value {
        SourceLocation at();
    }

    /** A JSON object; members keep file order, and a repeated key keeps its first value. */
    record Obj(SourceLocation at, Map<String, Member> members) implements Value {
    }

    /** One member of an object, with the location of its key. */
    record Member(String key, SourceLocation keyAt, Value value) {
    }

    /** A JSON array. */
    record Arr(SourceLocation at, List<Value> items) implements Value {
    }

    /**
     * A string, number, boolean or null, with its text as written ({@code null} for null).
     *
     * @param token which kind of scalar it is
     */
    record Scalar(SourceLocation at, JsonToken token, String text) implements Value {
        boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }
    }

    /**
     * Parses {@code content}; returns null after reporting a {@code bad-schema} error when it is
     * not exactly one JSON value. Duplicate keys are reported but do not stop the parse.
     */
    static Value parse(String file, String content, Problems problems) {
        JsonParser parser = null;
        try (JsonParser p = FACTORY.createParser(content)) {
            parser = p;
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(SourceLocation.of(file), ConfigError.BAD_SCHEMA, "file is empty: expected a JSON Schema");
                return null;
            }
            Value value = new Builder(file, content, parser, problems).value();
            if (parser.nextToken() != null) {
                problems.add(at(file, content, parser.currentTokenLocation()), ConfigError.BAD_SCHEMA,
                        "unexpected content after the JSON value");
                return null;
            }
            return value;
        } catch (JsonProcessingException e) {
            // Limits (nesting depth, number length) are raised without a location: the parser's is where it stopped.
            JsonLocation where = e.getLocation() != null && e.getLocation().getLineNr() > 0 || parser == null
                    ? e.getLocation() : parser.currentTokenLocation();
            problems.add(at(file, content, where), ConfigError.BAD_SCHEMA, "invalid JSON: "
                    + withoutTokens(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            // The content is an in-memory string; any other I/O failure is a bug, not bad input.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The location in code points, as YAML errors and editors count columns: Jackson counts UTF-16
     * units, so an emoji earlier on the line would push its column past the line's end.
     */
    private static SourceLocation at(String file, String content, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return SourceLocation.of(file);
        }
        long offset = location.getCharOffset();
        if (offset >= 0 && offset <= content.length()) {
            int end = (int) offset;
            int lineStart = content.lastIndexOf('\n', end - 1) + 1;
            return new SourceLocation(file, location.getLineNr(), content.codePointCount(lineStart, end) + 1);
        }
        return new SourceLocation(file, location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** Recursive descent over the token stream; the parser stands on the value's first token. */
    private record Builder(String file, String content, JsonParser parser, Problems problems) {

        Value value() throws IOException {
            SourceLocation at = at(file, content, parser.currentTokenLocation());
            JsonToken token = parser.currentToken();
            return switch (token) {
                case START_OBJECT -> object(at);
                case START_ARRAY -> array(at);
                case VALUE_NULL -> new Scalar(at, token, null);
                // A value position holds a scalar; anything else (an end token) is kept as text for the
                // reader to reject with its location.
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_EMBEDDED_OBJECT,
                     END_OBJECT, END_ARRAY, FIELD_NAME, NOT_AVAILABLE -> new Scalar(at, token, parser.getText());
            };
        }

        private Obj object(SourceLocation at) throws IOException {
            Map<String, Member> members = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                SourceLocation keyAt = at(file, content, parser.currentTokenLocation());
                parser.nextToken();
                Value value = value();
                Member first = members.putIfAbsent(key, new Member(key, keyAt, value));
                if (first != null) {
                    problems.add(keyAt, ConfigError.DUPLICATE_KEY, "duplicate key '" + key + "' (first at line "
                            + first.keyAt().line() + ")");
                }
            }
            return new Obj(at, members);
        }

        private Arr array(SourceLocation at) throws IOException {
            List<Value> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(value());
            }
            return new Arr(at, items);
        }
    }

    /**
     * Jackson quotes the offending token ({@code Unrecognized token 'xoxb-...'}); the text of a file
     * that is no JSON stays out of errors, which the API returns, the log keeps and Slack posts.
     */
    static String withoutTokens(String message) {
        // Limit messages also name Jackson's API (", from `StreamReadConstraints...`"): no help to a reader.
        return message.replaceAll("token '[^']*'", "token").replaceAll(", from `[^`]*`", "");
    }
}
