package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.plan.SeriesKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry: one entry per type, in the documented order, each found by name, kind and spec. */
class CheckTypesTest {

    @Test
    void everyTypeIsRegisteredOnceInTheDocumentedOrder() {
        assertThat(CheckTypes.names()).containsExactly("volume", "freshness", "null_rate", "cardinality", "latency",
                "schema", "custom");
        assertThat(CheckTypes.ALL).extracting(CheckType::alertKind).doesNotHaveDuplicates()
                .contains("schema_drift").doesNotContain("schema");
        assertThat(CheckTypes.ALL).extracting(t -> (Object) t.specClass()).doesNotHaveDuplicates();
        CheckTypes.ALL.forEach(t -> {
            assertThat(CheckTypes.named(t.name())).contains(t);
            assertThat(CheckTypes.ofKind(t.alertKind())).contains(t);
            assertThat(t.runbooks()).isNotEmpty().allMatch(f -> f.endsWith(".md"));
        });
        assertThat(CheckTypes.named("volumes")).isEmpty();
    }

    @Test
    void aSpecFindsItsTypeAndASchemaSpecReportsSchemaDrift() {
        SchemaSpec schema = new SchemaSpec(Specs.common("schema"), java.util.Map.of(), true, true, "properties",
                "event_name", null, Bounds.NONE);
        assertThat(CheckTypes.of(schema)).isSameAs(SchemaCheck.TYPE);
        assertThat(schema.alertKind()).isEqualTo("schema_drift");
        assertThat(new VolumeSpec(Specs.common("v"), List.of(), 20, Bounds.NONE).alertKind()).isEqualTo("volume");
    }

    @Test
    void unknownKindsFallBackToTheGenericWordingAndReadme() {
        AlertFacts facts = new AlertFacts("odd", SeriesKey.ROW_COUNT, true);
        assertThat(CheckTypes.title("something_else", facts)).isEqualTo("Check odd failed");
        assertThat(CheckTypes.runbook("something_else", facts)).isEqualTo("README.md");
        assertThat(CheckTypes.runbook("monitor_fault", facts)).isEqualTo("monitor-fault.md");
        assertThat(CheckTypes.title("schema_drift", new AlertFacts("s", new SeriesKey.Ddl("a"), false)))
                .isEqualTo("Table schema drifted");
        assertThat(CheckTypes.runbook("volume", facts)).isEqualTo("volume-drop.md");
        assertThat(DefaultRunbooks.forType("nope")).containsExactly("README.md");
    }
}
