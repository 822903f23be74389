package dev.trackwatch.query;

import java.time.Duration;
import java.util.List;

/**
 * A scan that ran: its observations (sorted by bucket, series, then segment) and its cost.
 * Buckets without rows have no observations; the caller knows which buckets it expected.
 *
 * @param dataset the dataset name
 * @param observations the observations
 * @param cost what the query read and how long it took
 */
public record ScanSuccess(String dataset, List<Observation> observations, ScanCost cost) implements ScanResult {

    public ScanSuccess {
        observations = List.copyOf(observations);
    }

    @Override
    public Duration elapsed() {
        return cost.elapsed();
    }
}
