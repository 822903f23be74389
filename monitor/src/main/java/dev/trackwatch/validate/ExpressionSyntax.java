package dev.trackwatch.validate;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.ExpressionUse;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.ConfigLocations;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.embedded.ChdbEngine;
import dev.trackwatch.embedded.ChdbQueryException;
import dev.trackwatch.embedded.EngineQuery;
import dev.trackwatch.plan.PlanException;
import dev.trackwatch.plan.SqlSafety;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses every dataset {@code filter} and custom-check {@code expression} with ClickHouse's own
 * parser, in process and without tables, so that {@code validate --offline} and a reload refuse
 * {@code a = = 1} instead of letting it fail every run. Each expression is wrapped the way the
 * planner uses it ({@code WHERE (filter)}, {@code SELECT (expression)}) in an {@code EXPLAIN AST},
 * which the embedded engine ({@link ChdbEngine}) parses but does not analyse or run: unknown
 * columns and functions are the online {@code validate}'s business ({@link ExpressionProbe}).
 *
 * <p>{@link SqlSafety}'s shape check runs first, as the loader's did, so nothing but one
 * expression (no {@code ;}, no comment, balanced brackets) ever reaches the engine.
 */
public final class ExpressionSyntax {

    /** Said once when there is no engine to parse with; the shape check still applies. */
    public static final String NOT_INSTALLED = "syntax not checked: embedded ClickHouse not installed";

    private static final String FILTER_PREFIX = "EXPLAIN AST SELECT 1 WHERE (";
    private static final String EXPRESSION_PREFIX = "EXPLAIN AST SELECT (";
    /** Parser refusals: SYNTAX_ERROR, TOO_DEEP_AST, TOO_BIG_AST, TOO_DEEP_RECURSION, and the like. */
    private static final Set<Integer> PARSE_CODES = Set.of(ChdbQueryException.SYNTAX_ERROR, 167, 168, 306);
    private static final Pattern POSITION = Pattern.compile("failed at position (\\d+)");
    private static final Pattern EXPECTED = Pattern.compile(
            "\\. (Expected .*?)\\.?(?: \\([A-Z_]+\\))?(?: \\(version [^)]*\\))?\\s*$", Pattern.DOTALL);
    private static final Pattern PREFIX = Pattern.compile("^Code: \\d+\\. DB::Exception: ");

    /**
     * The outcome: the syntax errors found, and a notice when the parse could not run.
     *
     * @param errors located syntax errors, empty when every expression parsed or none was parsed
     * @param notice null when the expressions were parsed, else why not, to be said once
     */
    public record Result(List<ConfigError> errors, String notice) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    private ExpressionSyntax() {
    }

    /** Parses every expression of {@code spec} with the engine {@code source} supplies. */
    public static Result check(TrackwatchSpec spec, ConfigLocations locations, SyntaxEngines.Source source) {
        SyntaxEngines.Lease lease = SyntaxEngines.acquire(source);
        if (lease.engine().isEmpty()) {
            return new Result(List.of(), lease.notice());
        }
        return check(spec, locations, lease.engine().get());
    }

    /** Parses every expression of {@code spec} with {@code engine}. */
    public static Result check(TrackwatchSpec spec, ConfigLocations locations, ChdbEngine engine) {
        List<ConfigError> errors = new ArrayList<>();
        try {
            for (DatasetSpec dataset : spec.datasets()) {
                if (dataset.filter() != null) {
                    parse(engine, FILTER_PREFIX, dataset.filter(), "filter", locations.dataset(dataset, "filter"), errors);
                }
                for (CheckSpec check : dataset.checks()) {
                    for (ExpressionUse use : CheckTypes.expressions(check)) {
                        parse(engine, EXPRESSION_PREFIX, use.aggregate(), use.field(),
                                locations.check(dataset, check, use.field()), errors);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The engine itself failed (not the expression): the shape check stands, as without an engine.
            return new Result(errors, "syntax not checked: embedded ClickHouse failed: " + firstLine(e.getMessage()));
        }
        return new Result(errors, null);
    }

    private static void parse(ChdbEngine engine, String prefix, String sql, String what, SourceLocation at,
                              List<ConfigError> errors) {
        try {
            SqlSafety.expression(sql, what);
        } catch (PlanException e) {
            return; // the loader reported it; it must not reach the engine
        }
        try {
            engine.execute(new EngineQuery(prefix + sql + ")", "TabSeparated", null, Map.of(), Map.of())).close();
        } catch (ChdbQueryException e) {
            if (!PARSE_CODES.contains(e.code())) {
                throw e;
            }
            errors.add(ConfigError.at(at, ConfigError.BAD_EXPRESSION, message(what, sql, prefix, e)));
        }
    }

    /**
     * {@code filter is not valid ClickHouse SQL: syntax error at character 5 ('= 1'): Expected one
     * of: ... (ClickHouse code 62)}: the position is turned from one in the wrapped query into one
     * in the expression as written, and the long list of expected tokens is cut.
     */
    static String message(String what, String sql, String prefix, ChdbQueryException e) {
        String text = PREFIX.matcher(e.getMessage().strip()).replaceFirst("");
        StringBuilder out = new StringBuilder(what).append(" is not valid ClickHouse SQL: ");
        Matcher position = POSITION.matcher(text);
        if (position.find()) {
            int index = charIndex(sql, Integer.parseInt(position.group(1)) - 1 - prefix.length());
            out.append("syntax error ");
            if (index >= sql.length()) {
                out.append("at the end of the ").append(what);
            } else {
                String rest = sql.substring(index);
                out.append("at character ").append(index + 1).append(" ('")
                        .append(rest.length() > 30 ? rest.substring(0, 30) + "..." : rest).append("')");
            }
            Matcher expected = EXPECTED.matcher(text);
            if (expected.find()) {
                out.append(": ").append(shorten(expected.group(1)));
            }
        } else {
            out.append(firstLine(text));
        }
        return out.append(" (ClickHouse error ").append(e.code())
                .append(e.code() == ChdbQueryException.SYNTAX_ERROR ? " SYNTAX_ERROR)" : ")").toString();
    }

    /** The index in {@code sql} of the character at UTF-8 byte offset {@code bytes} (ClickHouse counts bytes). */
    private static int charIndex(String sql, int bytes) {
        int index = 0;
        int seen = 0;
        while (index < sql.length() && seen < bytes) {
            int cp = sql.codePointAt(index);
            seen += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            index += Character.charCount(cp);
        }
        return Math.max(0, index);
    }

    /** Keeps the first eight of ClickHouse's expected tokens; the whole list runs to forty. */
    private static String shorten(String expected) {
        String[] items = expected.split(", ");
        return items.length <= 8 ? expected : String.join(", ", List.of(items).subList(0, 8)) + ", ...";
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
