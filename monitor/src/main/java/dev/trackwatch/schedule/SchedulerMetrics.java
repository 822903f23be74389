package dev.trackwatch.schedule;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.evaluate.CheckResult;
import dev.trackwatch.run.RunFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator alerts on about the schedule, exported at {@code /prometheus} (see
 * docs/operations.md): the scheduler's heartbeat, moved at the end of every tick, so that it stops
 * when the scheduler loop is stuck (an external Alertmanager's dead man's switch); per dataset the
 * time of the last run that reached ClickHouse and its interval; failed runs by dataset and
 * {@link RunFailure} reason. The series of a dataset a reload removed are removed with it.
 */
@Singleton
public class SchedulerMetrics {

    private final MeterRegistry registry;
    private final AtomicLong heartbeat = new AtomicLong();
    private final Counter ticks;
    private final Map<String, DatasetGauges> datasets = new ConcurrentHashMap<>();

    /** The gauges of one dataset: last success (unix seconds, 0 until the first) and its interval. */
    private record DatasetGauges(AtomicLong lastSuccess, AtomicLong interval, List<Gauge> gauges) {
    }

    public SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("trackwatch.heartbeat.timestamp", heartbeat, AtomicLong::get).baseUnit("seconds")
                .description("When the scheduler loop last completed a tick (unix seconds); stops when it is stuck")
                .register(registry);
        ticks = Counter.builder("trackwatch.heartbeat")
                .description("Scheduler ticks completed; stops increasing when the scheduler is stuck").register(registry);
    }

    /** Moves the heartbeat: a tick of the scheduler loop completed at {@code at}. */
    void beat(Instant at) {
        heartbeat.set(at.getEpochSecond());
        ticks.increment();
    }

    /** Records one completed run of {@code dataset}, finished at {@code at}. */
    void ran(DatasetSpec dataset, List<CheckResult> results, Instant at) {
        DatasetGauges gauges = gauges(dataset);
        RunFailure failure = RunFailure.of(results);
        if (failure == RunFailure.NONE) {
            gauges.lastSuccess().set(at.getEpochSecond());
            return;
        }
        Counter.builder("trackwatch.runs.failed")
                .description("Dataset runs that judged nothing because of a monitor fault, by dataset and reason")
                .tag("dataset", dataset.name()).tag("reason", failure.label()).register(registry).increment();
    }

    /** Drops the series of datasets {@code spec} no longer has. */
    void retain(TrackwatchSpec spec) {
        datasets.keySet().removeIf(name -> {
            if (spec.dataset(name).isPresent()) {
                return false;
            }
            datasets.get(name).gauges().forEach(registry::remove);
            return true;
        });
    }

    private DatasetGauges gauges(DatasetSpec dataset) {
        DatasetGauges gauges = datasets.computeIfAbsent(dataset.name(), name -> {
            AtomicLong last = new AtomicLong();
            AtomicLong interval = new AtomicLong();
            return new DatasetGauges(last, interval, List.of(
                    Gauge.builder("trackwatch.dataset.last.success.timestamp", last, AtomicLong::get).baseUnit("seconds")
                            .description("When a run of the dataset last reached ClickHouse (unix seconds, 0: not yet)")
                            .tag("dataset", name).register(registry),
                    Gauge.builder("trackwatch.dataset.interval", interval, AtomicLong::get).baseUnit("seconds")
                            .description("How often the dataset is checked").tag("dataset", name).register(registry)));
        });
        gauges.interval().set(dataset.interval().toSeconds());
        return gauges;
    }
}
