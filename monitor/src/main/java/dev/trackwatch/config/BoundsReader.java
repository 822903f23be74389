package dev.trackwatch.config;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code fail:} and {@code warn:} limits, each a mapping with optional {@code min} and
 * {@code max}, into {@link Bounds}. Shares (null rates, late shares, violation shares) must lie
 * within 0..1, because a limit of 5 on a share is a percent written where a fraction belongs.
 */
public final class BoundsReader {

    private BoundsReader() {
    }

    /**
     * Reads {@code fail} and {@code warn} from {@code map}.
     *
     * @param prefix how the mapping is named in messages, e.g. {@code ""} or {@code "p95."}
     * @param share whether the limits are shares, 0..1
     */
    public static Bounds read(YamlMap map, String prefix, boolean share) {
        Double[] fail = range(map, "fail", prefix, share);
        Double[] warn = range(map, "warn", prefix, share);
        return new Bounds(fail[0], fail[1], warn[0], warn[1]);
    }

    private static Double[] range(YamlMap parent, String key, String prefix, boolean share) {
        Node node = parent.value(key);
        if (node == null) {
            return new Double[2];
        }
        String name = prefix + key;
        YamlMap map = YamlMap.read(parent.file(), node, "in " + name + " bounds");
        if (map == null) {
            return new Double[2];
        }
        Double min = limit(map, "min", name, share);
        Double max = limit(map, "max", name, share);
        map.finish();
        if (min != null && max != null && min > max) {
            parent.file().error(map.location(), ConfigError.BAD_BOUNDS, name + ".min " + YamlValues.format(min)
                    + " is greater than " + name + ".max " + YamlValues.format(max));
            return new Double[2];
        }
        return new Double[] {min, max};
    }

    private static Double limit(YamlMap map, String key, String name, boolean share) {
        Node node = map.value(key);
        Double value = node == null ? null : YamlValues.number(map.file(), node);
        if (value != null && share && (value < 0 || value > 1)) {
            map.file().error(node, ConfigError.BAD_BOUNDS, name + "." + key + " " + YamlValues.format(value)
                    + " is outside 0..1: this limit is a share (write 5% as 0.05)");
            return null;
        }
        return value;
    }
}
