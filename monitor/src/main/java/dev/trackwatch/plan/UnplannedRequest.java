package dev.trackwatch.plan;

/**
 * A request the planner left out of the dataset's query, e.g. because its column no longer
 * exists. The rest of the dataset is still scanned; the requesting check should be reported as
 * not evaluated with {@link #reason()}.
 *
 * @param request the request left out
 * @param reason why, naming the dataset, the check and the column
 */
public record UnplannedRequest(MetricRequest request, String reason) {
}
