package dev.trackwatch.config;

import java.util.List;
import java.util.Map;

/**
 * One event of the tracking plan at one schema version, read from
 * {@code checks/tracking-plan/EVENT/VERSION.json} (a JSON Schema). Only the rules ClickHouse can
 * check in the scan are kept: required properties, property types and enums.
 *
 * @param event the event name
 * @param version the schema version, or 0 when the plan is not versioned
 * @param required properties that must be present
 * @param properties property name to its rule
 * @param additionalProperties whether properties not listed are allowed
 * @param location the schema file
 */
public record EventContract(String event, int version, List<String> required, Map<String, PropertyRule> properties,
                            boolean additionalProperties, SourceLocation location) {

    public EventContract {
        required = List.copyOf(required);
        properties = Map.copyOf(properties);
    }

    /**
     * What a property must look like.
     *
     * @param types allowed JSON types: string, integer, number, boolean, object, array, null
     * @param allowed allowed values (JSON Schema {@code enum}) as strings, empty for any
     */
    public record PropertyRule(List<String> types, List<String> allowed) {
        public PropertyRule {
            types = List.copyOf(types);
            allowed = List.copyOf(allowed);
        }
    }
}
