package dev.trackwatch.plan;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DDL drift between a schema check's declared columns and the table. */
class PlanSchemaDriftTest {

    private static final TableColumns ACTUAL = new TableColumns("demo", "events", ordered(
            "event_time", "DateTime64(3, 'UTC')",
            "platform", "LowCardinality(String)",
            "user_id", "String",
            "debug", "String"));

    @Test
    void aMatchingTableHasNoFindingsAndWhitespaceInTypesDoesNotMatter() {
        Map<String, String> contract = ordered("event_time", "DateTime64(3,'UTC')", "platform", "LowCardinality(String)",
                "user_id", "String", "debug", "String");
        assertThat(SchemaDrift.compare(contract, ACTUAL, false)).isEmpty();
    }

    @Test
    void missingRetypedAndAddedColumnsAreReportedInOrder() {
        Map<String, String> contract = ordered("event_time", "DateTime64(3, 'UTC')", "user_id", "Nullable(String)",
                "country", "LowCardinality(String)", "platform", "LowCardinality(String)");
        assertThat(SchemaDrift.compare(contract, ACTUAL, false)).containsExactly(
                new DriftFinding("user_id", DriftFinding.Kind.RETYPED, "Nullable(String)", "String"),
                new DriftFinding("country", DriftFinding.Kind.MISSING, "LowCardinality(String)", null),
                new DriftFinding("debug", DriftFinding.Kind.ADDED, null, "String"));
        assertThat(SchemaDrift.compare(contract, ACTUAL, true)).extracting(DriftFinding::kind)
                .containsExactly(DriftFinding.Kind.RETYPED, DriftFinding.Kind.MISSING);
    }

    @Test
    void quotedPartsOfTypesKeepTheirSpaces() {
        assertThat(SchemaDrift.normalize("Enum8('a b' = 1, 'c' = 2)")).isEqualTo("Enum8('a b'=1,'c'=2)");
        TableColumns table = new TableColumns("d", "t", Map.of("e", "Enum8('a b' = 1)"));
        assertThat(SchemaDrift.compare(Map.of("e", "Enum8('ab' = 1)"), table, true)).extracting(DriftFinding::kind)
                .containsExactly(DriftFinding.Kind.RETYPED);
    }

    @Test
    void aMissingTableReportsEveryDeclaredColumnAsMissing() {
        TableColumns none = new TableColumns("demo", "gone", Map.of());
        assertThat(SchemaDrift.compare(ordered("a", "String", "b", "UInt8"), none, false))
                .extracting(DriftFinding::column, DriftFinding::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", DriftFinding.Kind.MISSING),
                        org.assertj.core.groups.Tuple.tuple("b", DriftFinding.Kind.MISSING));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
