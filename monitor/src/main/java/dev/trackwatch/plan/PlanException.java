package dev.trackwatch.plan;

/**
 * The scan of a dataset cannot be planned at all: an identifier or SQL expression from the
 * configuration is unsafe, the table does not exist, or its event time column is missing. The
 * message names the dataset (and the check or column) so the caller can mark every check of the
 * dataset NOT_EVALUATED with it. Problems that affect one check only do not throw; they are
 * reported in {@link DatasetQuery#unplanned()}.
 */
public class PlanException extends RuntimeException {

    /** Creates the exception with a message naming the dataset and the offending item. */
    public PlanException(String message) {
        super(message);
    }
}
