package dev.trackwatch.loader;

import dev.trackwatch.checks.CheckType;
import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.config.AnomalySpec;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.YamlMap;
import dev.trackwatch.config.YamlValues;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import dev.trackwatch.detect.Direction;
import dev.trackwatch.detect.Seasonality;

import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Set;

/**
 * Reads a check's {@code anomaly:}: {@code false} to turn seasonal detection off, or a mapping
 * of settings (all optional). Every value is range-checked here so that a typo fails validation,
 * not the first run.
 */
final class AnomalyReader {

    private AnomalyReader() {
    }

    /** Reads {@code anomaly} of a check of {@code type}; absent means defaults (or null for types without baselines). */
    static AnomalySpec read(YamlMap check, CheckType<?> type) {
        Node node = check.value("anomaly");
        if (!type.hasBaseline()) {
            if (node != null) {
                check.file().error(check.file().at(check.keyNode("anomaly")), ConfigError.UNKNOWN_KEY,
                        "key 'anomaly' does not apply to " + type.name() + " checks (seasonal baselines cover "
                                + CheckReader.inWords(CheckTypes.ALL.stream().filter(CheckType::hasBaseline)
                                .map(CheckType::name).sorted().toList()) + " checks)");
            }
            return null;
        }
        if (node == null) {
            return AnomalySpec.defaults(check.location());
        }
        if (!(node instanceof MappingNode)) {
            Boolean on = YamlValues.bool(check.file(), node);
            return on == null || on ? AnomalySpec.defaults(check.at("anomaly")) : AnomalySpec.disabled(check.at("anomaly"));
        }
        YamlMap map = YamlMap.read(check.file(), node, "in anomaly settings");
        if (map == null) {
            return AnomalySpec.defaults(check.at("anomaly"));
        }
        Duration training = positive(map, "training_period");
        Duration detection = positive(map, "detection_period");
        Double sensitivity = number(map, "sensitivity", 0.5, 20);
        String direction = choice(map, "direction", AnomalySpec.DIRECTIONS);
        String seasonality = choice(map, "seasonality", AnomalySpec.SEASONALITIES);
        Double minChange = number(map, "min_absolute_change", 0, Double.MAX_VALUE);
        Double minValue = number(map, "min_value", 0, Double.MAX_VALUE);
        Integer persistence = map.has("persistence") ? (int) map.integer("persistence", 1, 1, 48) : null;
        Integer minTraining = map.has("min_training_buckets")
                ? (int) map.integer("min_training_buckets", 1, 1, 100_000) : null;
        Duration accept = positive(map, "accept_after");
        map.finish();
        return new AnomalySpec(true, training, detection, sensitivity,
                direction == null ? null : Direction.valueOf(direction.toUpperCase(Locale.ROOT)),
                seasonality == null ? null : Seasonality.valueOf(seasonality.toUpperCase(Locale.ROOT)), minChange, minValue,
                persistence, minTraining, accept, map.location());
    }

    private static Duration positive(YamlMap map, String key) {
        Duration d = map.duration(key, null);
        if (d != null && (d.isZero() || d.isNegative())) {
            map.file().error(map.value(key), ConfigError.BAD_DURATION, key + " must be positive");
            return null;
        }
        return d;
    }

    private static Double number(YamlMap map, String key, double min, double max) {
        Node node = map.value(key);
        Double value = node == null ? null : YamlValues.number(map.file(), node);
        if (value != null && (value < min || value > max)) {
            map.file().error(node, ConfigError.BAD_VALUE, key + " " + YamlValues.format(value) + (max == Double.MAX_VALUE
                    ? " must not be below " + YamlValues.format(min)
                    : " is outside " + YamlValues.format(min) + ".." + YamlValues.format(max)));
            return null;
        }
        return value;
    }

    private static String choice(YamlMap map, String key, List<String> allowed) {
        Node node = map.value(key);
        String value = node == null ? null : YamlValues.string(map.file(), node);
        if (value != null && !allowed.contains(value)) {
            map.file().error(node, ConfigError.BAD_VALUE, key + ": expected " + String.join(", ", allowed)
                    + ", got '" + value + "'" + Suggestions.didYouMean(value, allowed));
            return null;
        }
        return value;
    }
}
