package dev.trackwatch.state;

import java.time.Instant;
import java.util.UUID;

/**
 * One scan of one dataset: when, which window, how it ended and what it cost on the server.
 *
 * @param runId unique id, also on the run's check results
 * @param dataset the dataset
 * @param startedAt wall-clock start
 * @param asOf the "now" of the run (differs from startedAt in run-once --at and backtests)
 * @param windowFrom first bucket read
 * @param windowTo end of the last bucket read (exclusive)
 * @param durationMillis how long the scan and its writes took
 * @param outcome OK or FAILED (the scan's, not the checks')
 * @param rowsRead rows the server read, from its summary
 * @param bytesRead bytes the server read, from its summary
 * @param observations observations written
 * @param error the failure reason, empty when OK
 * @param configHash hash of the checks/ tree the run used
 */
public record CheckRun(UUID runId, String dataset, Instant startedAt, Instant asOf, Instant windowFrom,
                       Instant windowTo, long durationMillis, String outcome, long rowsRead, long bytesRead,
                       long observations, String error, String configHash) {
}
