package dev.trackwatch.plan;

/**
 * One difference between a table's columns and the schema check's declared contract.
 *
 * @param column the column name
 * @param kind what differs
 * @param expected the declared ClickHouse type, or null for {@link Kind#ADDED}
 * @param actual the table's ClickHouse type, or null for {@link Kind#MISSING}
 */
public record DriftFinding(String column, Kind kind, String expected, String actual) {

    /** How a column differs from the contract. */
    public enum Kind {
        /** Declared but not in the table. */
        MISSING,
        /** In the table but not declared, and extra columns are not allowed. */
        ADDED,
        /** In both with different types. */
        RETYPED
    }
}
