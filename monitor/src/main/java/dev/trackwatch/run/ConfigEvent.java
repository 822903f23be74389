package dev.trackwatch.run;

import dev.trackwatch.config.TrackwatchSpec;

import java.util.List;

/**
 * What a reload of the checks directory did, published as a Micronaut application event by the
 * scheduler's {@code ChecksHolder} after every reload. The alert stages listen, so they learn the
 * running config and the reload failures without depending on the scheduler.
 */
public sealed interface ConfigEvent {

    /**
     * A reload applied: {@code spec} runs now.
     *
     * @param changed whether it differs from the config that ran before
     */
    record ConfigApplied(TrackwatchSpec spec, boolean changed) implements ConfigEvent {
    }

    /**
     * A reload was rejected: the config of {@code runningHash} (null when none ever loaded) keeps running.
     *
     * @param errors the located errors of the rejected tree, never empty
     */
    record ConfigRejected(List<String> errors, String runningHash) implements ConfigEvent {
        public ConfigRejected {
            errors = List.copyOf(errors);
        }
    }
}
