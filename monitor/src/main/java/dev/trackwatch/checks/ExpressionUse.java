package dev.trackwatch.checks;

/**
 * An SQL expression a check's settings carry, which validation compiles in ClickHouse.
 *
 * @param field the setting that holds it, e.g. {@code expression}
 * @param aggregate the expression, an aggregate over the dataset's columns
 */
public record ExpressionUse(String field, String aggregate) {
}
