/**
 * Reads checks/ into a {@link dev.trackwatch.config.TrackwatchSpec}: {@link dev.trackwatch.loader.ConfigLoader}
 * walks the tree, the readers (teams, datasets, checks, routing, calendar, tracking plan) turn YAML
 * and JSON into drafts with located errors, and the assemblers resolve references across files. A
 * check's type-specific settings are read by its type's unit, found in
 * {@link dev.trackwatch.checks.CheckTypes}; the loader itself knows no type by name.
 */
package dev.trackwatch.loader;
