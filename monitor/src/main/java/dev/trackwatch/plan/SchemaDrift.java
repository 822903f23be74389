package dev.trackwatch.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a table's DDL (from {@code system.columns}) with the columns a schema check declares.
 * This part of the schema check needs no scan of the data.
 */
public final class SchemaDrift {

    private SchemaDrift() {
    }

    /**
     * Returns the differences: declared columns that are missing or have another type (in the
     * contract's order), then, unless {@code allowExtra}, table columns the contract does not
     * declare (in table order). Types are compared after removing whitespace outside quotes, so
     * {@code DateTime64(3,'UTC')} matches {@code DateTime64(3, 'UTC')}; otherwise they must be
     * written as ClickHouse reports them (aliases such as {@code INT} are not resolved). A table
     * that does not exist reports every declared column as missing.
     *
     * @param contract declared column name to ClickHouse type
     * @param actual the table's columns
     * @param allowExtra whether undeclared columns are tolerated
     * @return the findings, empty when the table matches
     */
    public static List<DriftFinding> compare(Map<String, String> contract, TableColumns actual, boolean allowExtra) {
        List<DriftFinding> findings = new ArrayList<>();
        contract.forEach((column, expected) -> {
            String type = actual.type(column);
            if (type == null) {
                findings.add(new DriftFinding(column, DriftFinding.Kind.MISSING, expected, null));
            } else if (!normalize(type).equals(normalize(expected))) {
                findings.add(new DriftFinding(column, DriftFinding.Kind.RETYPED, expected, type));
            }
        });
        if (!allowExtra) {
            actual.columns().forEach((column, type) -> {
                if (!contract.containsKey(column)) {
                    findings.add(new DriftFinding(column, DriftFinding.Kind.ADDED, null, type));
                }
            });
        }
        return List.copyOf(findings);
    }

    /** Removes whitespace outside single-quoted parts (enum labels and time zones keep theirs). */
    static String normalize(String type) {
        StringBuilder out = new StringBuilder(type.length());
        boolean quoted = false;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '\'' && (i == 0 || type.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (quoted || !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
