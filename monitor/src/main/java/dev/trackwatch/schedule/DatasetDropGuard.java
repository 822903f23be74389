package dev.trackwatch.schedule;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.TrackwatchSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses a reload that drops every running dataset, or more than half of them, unless forced:
 * a truncated or half-synced checks tree is valid (nothing in it is wrong) but applying it would
 * stop monitoring and leave open incidents open forever. Forced by
 * {@code trackwatch.reload.allow-dataset-drop: true}, or, for one deliberate change, by a file
 * {@value ReloadConfiguration#ALLOW_DROP_MARKER} in the checks directory (hidden, so it is neither
 * loaded nor hashed).
 */
final class DatasetDropGuard {

    private static final int NAMES_SHOWN = 5;

    private DatasetDropGuard() {
    }

    /**
     * Returns why {@code next} may not replace {@code running}, or null when it may.
     *
     * @param checksDir where the marker file would be
     */
    static String refusal(TrackwatchSpec running, TrackwatchSpec next, ReloadConfiguration settings, Path checksDir) {
        if (running == null || running.datasets().isEmpty() || settings.isAllowDatasetDrop()) {
            return null;
        }
        Set<String> kept = next.datasets().stream().map(DatasetSpec::name).collect(Collectors.toSet());
        List<String> dropped = running.datasets().stream().map(DatasetSpec::name).filter(n -> !kept.contains(n))
                .sorted().toList();
        int before = running.datasets().size();
        boolean tooMany = next.datasets().isEmpty() || dropped.size() * 2 > before;
        if (!tooMany || Files.exists(checksDir.resolve(ReloadConfiguration.ALLOW_DROP_MARKER))) {
            return null;
        }
        String names = String.join(", ", dropped.subList(0, Math.min(NAMES_SHOWN, dropped.size())))
                + (dropped.size() > NAMES_SHOWN ? ", ..." : "");
        return "reload refused: it would drop " + dropped.size() + " of the " + before + " running datasets ("
                + names + ") and leave " + next.datasets().size() + "; if that is intended, create "
                + ReloadConfiguration.ALLOW_DROP_MARKER + " in the checks directory (remove it afterwards) or set "
                + "trackwatch.reload.allow-dataset-drop=true";
    }
}
