package dev.trackwatch.plan;

import dev.trackwatch.config.DatasetSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fingerprints of what each series measures: the table, time column, bucket and filter of the
 * dataset, and the metric's own definition (a custom expression, exact or HLL distinct counts).
 * Stored with every observation, they keep a baseline from learning across a change of meaning:
 * editing a filter or an expression starts the series' history afresh, while a change that does
 * not alter the metric (a sensitivity, a bound, an owner) keeps it.
 */
public final class MetricDefinitions {

    private MetricDefinitions() {
    }

    /** Returns the fingerprint of every series {@code requests} produce, by series name. */
    public static Map<String, String> of(DatasetSpec dataset, List<MetricRequest> requests) {
        String base = String.join("\u0000", dataset.database(), dataset.table(), dataset.eventTimeColumn(),
                String.valueOf(dataset.ingestionTimeColumn()), dataset.bucket().toString(), String.valueOf(dataset.filter()));
        Map<String, String> definitions = new TreeMap<>();
        for (MetricRequest request : requests) {
            // Metric records print every field that defines them (column, mode, expression, threshold).
            String fingerprint = sha256(base + "\u0000" + request.metric());
            for (SeriesKey series : request.metric().series()) {
                definitions.put(series.name(), fingerprint);
            }
        }
        return definitions;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
