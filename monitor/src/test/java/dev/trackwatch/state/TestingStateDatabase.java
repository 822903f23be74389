package dev.trackwatch.state;

import dev.trackwatch.embedded.TestingClickHouse;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A state database of a test's own in the shared embedded ClickHouse: created fresh and migrated,
 * dropped on close, so tests of the incident and notification stages never see each other's rows.
 */
public final class TestingStateDatabase implements AutoCloseable {

    private final Connection connection;
    private final DSLContext dsl;
    private final String name;

    private TestingStateDatabase(String name) throws SQLException {
        this.name = name;
        this.connection = TestingClickHouse.connect(TestingClickHouse.embedded().jdbcUrl("default"), new Properties());
        this.dsl = DSL.using(connection, SQLDialect.CLICKHOUSE);
        dsl.execute("DROP DATABASE IF EXISTS " + name);
        new StateStore(dsl, name).migrate();
    }

    /** Creates and migrates database {@code name} (lower-case letters, digits and '_'). */
    public static TestingStateDatabase create(String name) throws SQLException {
        return new TestingStateDatabase(name);
    }

    /** Returns a jOOQ context on the connection. */
    public DSLContext dsl() {
        return dsl;
    }

    /** Returns the database's name. */
    public String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        dsl.execute("DROP DATABASE IF EXISTS " + name);
        connection.close();
    }
}
