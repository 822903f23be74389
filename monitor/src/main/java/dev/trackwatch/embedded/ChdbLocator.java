package dev.trackwatch.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Finds {@code libchdb.so}. In order: an explicit path (config key
 * {@code trackwatch.clickhouse.embedded.library}), the {@code TRACKWATCH_CHDB_LIBRARY} environment
 * variable, the {@code trackwatch.chdb.library} system property, then the per-user cache that
 * {@code ./trackwatch setup} fills: {@code $XDG_CACHE_HOME/trackwatch/chdb/VERSION/libchdb.so}
 * (or {@code ~/.cache/...}). The pinned version comes from {@code chdb.properties}, the single
 * source of truth shared with the provisioning script.
 */
public final class ChdbLocator {

    private ChdbLocator() {
    }

    /** Returns the library path to load; {@code configured} may be null or blank. */
    public static Path locate(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String env = System.getenv("TRACKWATCH_CHDB_LIBRARY");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String property = System.getProperty("trackwatch.chdb.library");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return defaultCacheDir().resolve(pinnedVersion()).resolve("libchdb.so");
    }

    /** Returns the chDB package version this build of Trackwatch is pinned to. */
    public static String pinnedVersion() {
        return pins().getProperty("version", "unknown");
    }

    private static Path defaultCacheDir() {
        String override = System.getenv("TRACKWATCH_CACHE_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override, "chdb");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("trackwatch").resolve("chdb");
    }

    private static Properties pins() {
        Properties properties = new Properties();
        try (InputStream in = ChdbLocator.class.getResourceAsStream("chdb.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
