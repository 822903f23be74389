package dev.trackwatch.config;

/**
 * A check as written in checks/, after parsing and validation. Each check type's unit in
 * {@code dev.trackwatch.checks} has its own record implementing this (e.g. {@code VolumeSpec});
 * the type name is what {@code type:} says in YAML.
 */
public interface CheckSpec {

    /** Returns the settings every check has. */
    CheckCommon common();

    /** Returns the type name, e.g. {@code volume}. */
    String type();

    /**
     * Returns the kind its results and alerts report: the type name unless the type says
     * otherwise (schema checks report {@code schema_drift}).
     */
    default String alertKind() {
        return type();
    }
}
