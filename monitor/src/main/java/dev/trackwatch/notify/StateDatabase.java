package dev.trackwatch.notify;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The name of the state database in ClickHouse, {@code trackwatch.state.database} (default
 * {@code trackwatch}): the one place the alert stages' stores take it from.
 */
@Singleton
public class StateDatabase {

    /** The default name, as the state migrations use it. */
    public static final String DEFAULT = "trackwatch";

    private final String name;

    public StateDatabase(@Value("${trackwatch.state.database:" + DEFAULT + "}") String name) {
        this.name = name;
    }

    /** Returns the database's name. */
    public String name() {
        return name;
    }
}
