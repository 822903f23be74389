package dev.trackwatch.run;

/**
 * Asks one running dataset run to stop: a reload that removed or changed the dataset, or the
 * shutdown of {@code serve}. The run checks it before each chunk query, so it stops after the
 * query in flight; what it completed stays stored and the next run resumes from there (see
 * {@link DatasetRunner}). A cancelled run is not a monitor fault and yields no results.
 */
public final class RunCancellation {

    private volatile String reason;

    /** A cancellation nobody has asked for yet. */
    public RunCancellation() {
    }

    /** Asks the run to stop for {@code why} (e.g. "dataset removed by reload"); the first reason is kept. */
    public synchronized void cancel(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    /** Whether the run was asked to stop. */
    public boolean isCancelled() {
        return reason != null;
    }

    /** Why the run was asked to stop, or null when it was not. */
    public String reason() {
        return reason;
    }
}
