package dev.trackwatch.query;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import dev.trackwatch.plan.DatasetQuery;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns the result rows of a {@link DatasetQuery} into observations, following its layout. */
final class ObservationReader {

    private static final Comparator<Observation> ORDER = Comparator.comparing(Observation::bucketStart)
            .thenComparing(o -> o.metric().name())
            .thenComparing(o -> o.segment().toString());

    private ObservationReader() {
    }

    /**
     * Reads every row. A row belongs to the total when all its grouping columns are 1, else to the
     * one dimension whose grouping column is 0. Series are emitted for the total and for the
     * dimensions their checks asked for; NULL and NaN values (e.g. the newest ingestion time of a
     * bucket where it is always NULL) are left out rather than stored as numbers.
     */
    static List<Observation> read(DatasetQuery query, ClickHouseBinaryFormatReader reader) {
        List<Observation> observations = new ArrayList<>();
        while (reader.hasNext()) {
            reader.next();
            Instant bucket = Instant.ofEpochSecond(number(reader.readValue(query.bucketColumn())).longValue());
            long rows = number(reader.readValue(query.rowsColumn())).longValue();
            String dimension = null;
            String value = null;
            for (DatasetQuery.Segment segment : query.segments()) {
                if (number(reader.readValue(segment.groupingColumn())).longValue() == 0) {
                    dimension = segment.dimension();
                    Object raw = reader.readValue(segment.valueColumn());
                    value = Observation.segmentValue(raw);
                    break;
                }
            }
            Map<String, String> segment = dimension == null ? Map.of() : Map.of(dimension, value);
            for (DatasetQuery.Series series : query.series()) {
                if (dimension != null && !series.segments().contains(dimension)) {
                    continue;
                }
                Number number = element(reader.readValue(series.column()), series.element());
                if (number == null || Double.isNaN(number.doubleValue())) {
                    continue;
                }
                observations.add(new Observation(query.dataset(), series.series(), segment, bucket,
                        number.doubleValue(), rows));
            }
        }
        observations.sort(ORDER);
        return observations;
    }

    /** Returns the scalar, or the array element (the client returns arrays as List or Java arrays). */
    private static Number element(Object value, int element) {
        if (value == null || element < 0) {
            return (Number) value;
        }
        if (value instanceof List<?> list) {
            return (Number) list.get(element);
        }
        if (value.getClass().isArray()) {
            return (Number) Array.get(value, element);
        }
        throw new IllegalStateException("expected an array, got " + value.getClass().getName());
    }

    private static Number number(Object value) {
        if (value instanceof Number n) {
            return n;
        }
        throw new IllegalStateException("expected a number, got " + value);
    }
}
