package dev.trackwatch.schedule;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.run.ConfigEvent;
import dev.trackwatch.run.RunCancellation;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dataset runs the scheduler has in flight, each with its {@link RunCancellation}. An applied
 * reload cancels the runs of the datasets it removed or changed (a changed {@link DatasetSpec}
 * would store observations and judge checks under a definition that no longer runs); shutdown
 * cancels them all. A cancelled run stops after its current chunk query and the next run resumes.
 */
@Singleton
public class RunningScans implements ApplicationEventListener<ConfigEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RunningScans.class);

    private record Running(DatasetSpec dataset, RunCancellation cancellation) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** Registers a run of {@code dataset} starting now and returns its cancellation. */
    public RunCancellation started(DatasetSpec dataset) {
        RunCancellation cancellation = new RunCancellation();
        running.put(dataset.name(), new Running(dataset, cancellation));
        return cancellation;
    }

    /** Forgets the run of {@code dataset} that {@code cancellation} belongs to. */
    public void finished(DatasetSpec dataset, RunCancellation cancellation) {
        running.computeIfPresent(dataset.name(), (name, r) -> r.cancellation() == cancellation ? null : r);
    }

    /** The number of runs in flight. */
    public int size() {
        return running.size();
    }

    /** Cancels every run in flight for {@code why} (shutdown). */
    public void cancelAll(String why) {
        running.forEach((name, r) -> cancel(r, why));
    }

    @Override
    public void onApplicationEvent(ConfigEvent event) {
        switch (event) {
            case ConfigEvent.ConfigApplied applied -> cancelOutdated(applied.spec());
            case ConfigEvent.ConfigRejected _ -> {
                // The running config keeps running, and so do its runs.
            }
        }
    }

    /** Cancels the runs whose dataset {@code spec} no longer has, or has with another definition. */
    void cancelOutdated(TrackwatchSpec spec) {
        running.forEach((name, r) -> spec.dataset(name).ifPresentOrElse(
                now -> {
                    if (!now.equals(r.dataset())) {
                        cancel(r, "dataset " + name + " changed by reload");
                    }
                },
                () -> cancel(r, "dataset " + name + " removed by reload")));
    }

    private static void cancel(Running r, String why) {
        if (!r.cancellation().isCancelled()) {
            LOG.info("run {}: cancelling: {}", r.dataset().name(), why);
        }
        r.cancellation().cancel(why);
    }
}
