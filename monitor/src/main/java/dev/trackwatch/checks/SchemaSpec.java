package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;

import java.util.Map;

/**
 * A schema check: the table's DDL against a declared contract and the event payloads against the tracking plan.
 *
 * @param columns declared column name to ClickHouse type; empty skips the DDL part
 * @param allowExtraColumns whether columns not in the contract are tolerated
 * @param trackingPlan whether to check payloads against checks/tracking-plan
 * @param propertiesColumn the JSON (or String) column holding the payload
 * @param eventNameColumn the column naming the event
 * @param schemaVersionColumn the column naming the schema version, or null
 * @param violationShareBounds limits on the share of violating events per bucket, 0..1
 */
public record SchemaSpec(CheckCommon common, Map<String, String> columns, boolean allowExtraColumns,
                         boolean trackingPlan, String propertiesColumn, String eventNameColumn,
                         String schemaVersionColumn, Bounds violationShareBounds) implements CheckSpec {

    public String type() {
        return SchemaCheck.NAME;
    }

    /** Schema checks report {@code schema_drift}. */
    @Override
    public String alertKind() {
        return SchemaCheck.KIND;
    }
}
