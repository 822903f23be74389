package dev.trackwatch.state;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The name of the state database in ClickHouse, {@code trackwatch.state.database} (default
 * {@code trackwatch}): the one place the run stage, the alert stages and the API take it from.
 */
@Singleton
public class StateDatabase {

    /** The default name, as the state migrations use it. */
    public static final String DEFAULT = StateMigrations.DATABASE;

    private final String name;

    public StateDatabase(@Value("${trackwatch.state.database:" + DEFAULT + "}") String name) {
        this.name = name;
    }

    /** Returns the database's name. */
    public String name() {
        return name;
    }
}
