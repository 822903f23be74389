package dev.trackwatch.checks;

import dev.trackwatch.config.Bounds;
import dev.trackwatch.detect.DetectorSettings;
import dev.trackwatch.detect.Direction;
import dev.trackwatch.evaluate.SeriesRules;
import dev.trackwatch.plan.SeriesKey;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Series rules for a check whose judged series have both bounds and a baseline (the same series),
 * the others being only recorded.
 *
 * @param judged the series judged
 * @param bounds the static bounds of a judged series
 * @param segments the dimensions judged besides the total
 * @param direction which way a deviation is bad, by default
 * @param minChange the default absolute floor a deviation of a series must pass
 */
record KeyedRules(Predicate<SeriesKey> judged, Function<SeriesKey, Bounds> bounds, List<String> segments, Direction direction,
                  ToDoubleFunction<SeriesKey> minChange)
        implements SeriesRules {

    @Override
    public Bounds bounds(SeriesKey series) {
        return judged.test(series) ? bounds.apply(series) : null;
    }

    @Override
    public boolean hasBaseline(SeriesKey series) {
        return judged.test(series);
    }

    @Override
    public DetectorSettings defaults(SeriesKey series, Map<String, String> segment) {
        return DetectorSettings.defaults().withDirection(direction).withMinAbsoluteChange(minChange.applyAsDouble(series));
    }
}
