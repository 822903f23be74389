package dev.trackwatch.checks;

import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.plan.MetricRequest;

import java.util.List;

/**
 * What a dataset's checks ask of one run's scan, computed once per run: the scan is planned from
 * {@link #requests()} and each check is judged on its own requests.
 *
 * @param dataset the dataset
 * @param checks each check with its requests, in check order
 */
public record DatasetPlan(DatasetSpec dataset, List<PlannedCheck> checks) {

    public DatasetPlan {
        checks = List.copyOf(checks);
    }

    /**
     * One check and what it asks for.
     *
     * @param check the check
     * @param requests its metric requests, possibly none
     */
    public record PlannedCheck(CheckSpec check, List<MetricRequest> requests) {
        public PlannedCheck {
            requests = List.copyOf(requests);
        }
    }

    /** Plans every check of {@code dataset} through its type. */
    public static DatasetPlan of(DatasetSpec dataset, List<EventContract> trackingPlan) {
        return new DatasetPlan(dataset, dataset.checks().stream()
                .map(c -> new PlannedCheck(c, CheckTypes.metrics(dataset, c, trackingPlan))).toList());
    }

    /** Returns every request, in check order. */
    public List<MetricRequest> requests() {
        return checks.stream().flatMap(c -> c.requests().stream()).toList();
    }
}
