package dev.trackwatch.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ConfigLoader#load}: either a valid {@link TrackwatchSpec} with the index
 * of where each of its settings was written, or the non-empty list of every error found, sorted
 * by file, line and column. Never both: a spec exists only when the whole tree is valid.
 *
 * @param spec the valid spec, or null when there are errors
 * @param locations where each setting of the spec was written; {@link ConfigLocations#NONE} with errors
 * @param errors the errors, sorted; empty exactly when {@code spec} is present
 */
public record LoadResult(TrackwatchSpec spec, ConfigLocations locations, List<ConfigError> errors) {

    public LoadResult {
        errors = List.copyOf(errors);
        Objects.requireNonNull(locations, "locations");
        if ((spec == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a load result has either a spec or errors");
        }
    }

    /** A successful load. */
    public static LoadResult valid(TrackwatchSpec spec, ConfigLocations locations) {
        return new LoadResult(Objects.requireNonNull(spec, "spec"), locations, List.of());
    }

    /** A failed load; the errors are sorted here so every caller prints them in the same order. */
    public static LoadResult invalid(List<ConfigError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid load result needs at least one error");
        }
        return new LoadResult(null, ConfigLocations.NONE, errors.stream().sorted().toList());
    }

    /** Returns true when the tree loaded without errors. */
    public boolean isValid() {
        return spec != null;
    }

    /** Returns the spec when the tree is valid. */
    public Optional<TrackwatchSpec> specIfValid() {
        return Optional.ofNullable(spec);
    }
}
