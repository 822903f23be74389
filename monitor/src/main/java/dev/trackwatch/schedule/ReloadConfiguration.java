package dev.trackwatch.schedule;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How reloads of the checks directory are guarded ({@code trackwatch.reload.*}).
 */
@ConfigurationProperties("trackwatch.reload")
public class ReloadConfiguration {

    /** The marker file in the checks directory that lets the next reloads drop datasets. */
    public static final String ALLOW_DROP_MARKER = ".allow-dataset-drop";

    private boolean allowDatasetDrop;

    /**
     * Whether a reload may drop every running dataset, or more than half of them. Off by default:
     * an emptied or half-checked-out tree validates (it has no errors, just nothing in it) and
     * would silently stop monitoring.
     */
    public boolean isAllowDatasetDrop() {
        return allowDatasetDrop;
    }

    public void setAllowDatasetDrop(boolean allowDatasetDrop) {
        this.allowDatasetDrop = allowDatasetDrop;
    }
}
