package dev.trackwatch.notify;

import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.run.ConfigEvent;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * What the alert stages know of the checks directory, learnt from {@link ConfigEvent}s: the
 * config running now and the errors of the reloads rejected since the last one that applied.
 */
@Singleton
public class RunningConfig implements ApplicationEventListener<ConfigEvent> {

    /** What the last reload left: the running spec (null before any applied) and its rejection errors. */
    private record State(TrackwatchSpec spec, List<String> rejectedErrors) {
    }

    private volatile State state = new State(null, List.of());

    @Override
    public void onApplicationEvent(ConfigEvent event) {
        switch (event) {
            case ConfigEvent.ConfigApplied applied -> state = new State(applied.spec(), List.of());
            case ConfigEvent.ConfigRejected rejected -> state = new State(state.spec(), rejected.errors());
        }
    }

    /** Returns the running spec, or null before the first reload applied. */
    public TrackwatchSpec current() {
        return state.spec();
    }

    /** Returns the errors of the last rejected reload, or empty when the last reload applied. */
    public List<String> rejectedErrors() {
        return state.rejectedErrors();
    }
}
